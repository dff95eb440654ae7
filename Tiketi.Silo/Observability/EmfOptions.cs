using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Observability;

/// <summary>
/// The CloudWatch Embedded Metric Format output of the queue length, bound from "QueueMetrics:Emf".
/// Off by default (a laptop has no CloudWatch agent); on in AWS, where the agent turns the lines into metrics.
/// </summary>
public sealed class EmfOptions
{
    public const string Section = "QueueMetrics:Emf";

    public bool Enabled { get; set; }

    /// <summary>
    /// Where the lines go: <c>stdout</c> (a log driver or agent collects them), <c>file:/path</c> (the agent
    /// tails the file), or <c>udp://host:port</c> (the agent's EMF listener, usually 127.0.0.1:25888).
    /// </summary>
    [Required, RegularExpression(@"^(stdout|file:.+|udp://[^:/]+:\d{1,5})$")]
    public string Target { get; set; } = "stdout";

    /// <summary>60 (standard) or 1 (high resolution, for alarms on periods under a minute).</summary>
    [Range(1, 60)]
    public int StorageResolution { get; set; } = 60;

    /// <summary>The log group the CloudWatch agent stores the lines in (the <c>_aws.LogGroupName</c> member); the agent's default when unset.</summary>
    public string? LogGroupName { get; set; }

    /// <summary>An optional "Service" property on every line (not a dimension), to tell hosts apart in logs.</summary>
    public string? ServiceName { get; set; }
}
