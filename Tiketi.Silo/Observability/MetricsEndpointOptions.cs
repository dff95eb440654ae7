using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Observability;

/// <summary>The silo's small HTTP endpoint for Prometheus and health probes, bound from "Metrics".</summary>
public sealed class MetricsEndpointOptions
{
    public const string Section = "Metrics";

    /// <summary>The port of <c>/metrics</c>, <c>/health/live</c> and <c>/health/ready</c>; 0 turns the endpoint off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>The address to listen on; all interfaces by default, so Prometheus and load balancers reach it.</summary>
    [Required]
    public string Host { get; set; } = "0.0.0.0";
}
