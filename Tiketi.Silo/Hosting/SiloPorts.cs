using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Hosting;

/// <summary>
/// Where a silo listens, bound from "Orleans". Several silos on one machine need distinct ports;
/// the cluster and service ids must match across every silo and client of one deployment.
/// </summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Orleans";

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string ClusterId { get; set; } = "tiketi";

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string ServiceId { get; set; } = "tiketi";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; loopback when unset.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Gateways ("host:port") a client uses when there is no membership database (tests, demos).</summary>
    public string[] Gateways { get; set; } = [];
}
