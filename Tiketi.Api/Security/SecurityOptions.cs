using System.ComponentModel.DataAnnotations;

namespace Tiketi.Api.Security;

/// <summary>Abuse limits and proxy trust, bound from "Security". Every limit is explicit and tested.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Requests per client IP per <see cref="ApiWindow"/> on /api (the review's figure: 100 per 15 minutes).</summary>
    [Range(1, 1_000_000)]
    public int ApiRequestsPerWindow { get; set; } = 100;

    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Queue-status polls per account per minute: a rush polls legitimately, but not in a tight loop.</summary>
    [Range(1, 10_000)]
    public int QueuePollsPerMinute { get; set; } = 30;

    /// <summary>Queue joins and holds per account per minute.</summary>
    [Range(1, 10_000)]
    public int SaleActionsPerMinute { get; set; } = 20;

    /// <summary>Failed logins per account and per IP within <see cref="LoginWindow"/> before 429.</summary>
    [Range(1, 1_000)]
    public int FailedLoginsPerWindow { get; set; } = 5;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1_024, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Proxies (load balancers) whose X-Forwarded-For/-Proto are believed; nobody else's are.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of trusted proxies, e.g. the VPC's public subnets behind an ALB.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
