using System.ComponentModel.DataAnnotations;

namespace Tiketi.Api.Security;

/// <summary>
/// Abuse limits and proxy trust, bound from "Security". Every limit is explicit and tested. Limits are
/// counted per API host (ASP.NET Core's rate limiter is in memory): N hosts behind a balancer allow up to
/// N times as much, which the figures below leave room for.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Requests a signed-in account may make to /api per minute on average (a token bucket of
    /// <see cref="AccountBurst"/>). A whole buyer journey is about 20 requests, so ten fit in a burst.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AccountRequestsPerMinute { get; set; } = 120;

    /// <summary>Requests a signed-in account may make at once before the per-minute rate applies.</summary>
    [Range(1, 1_000_000)]
    public int AccountBurst { get; set; } = 240;

    /// <summary>
    /// Anonymous requests to /api per client address per minute (browsing events and seat maps). Sized
    /// for a carrier-grade NAT or venue Wi-Fi, where thousands of buyers share one address.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 3_000;

    /// <summary>
    /// Register, sign-in and refresh requests per client address per minute: each sign-in costs a
    /// quarter second of bcrypt, so this bounds what one address can make the hosts burn.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SignInRequestsPerMinute { get; set; } = 600;

    /// <summary>SignalR negotiations per client address per minute (each opens a connection).</summary>
    [Range(1, 1_000_000)]
    public int NegotiationsPerMinute { get; set; } = 600;

    /// <summary>Queue-status polls per account per minute: the waiting room polls every few seconds, a background tab less.</summary>
    [Range(1, 10_000)]
    public int QueuePollsPerMinute { get; set; } = 30;

    /// <summary>
    /// Polls per account per minute that mark a macro (a script hammering its place): above this the
    /// account's polling is blocked for <see cref="RepeatedRequestBlock"/> with QUEUE009.
    /// </summary>
    [Range(1, 100_000)]
    public int MacroPollsPerMinute { get; set; } = 120;

    /// <summary>How long a macro poller is blocked; shorter than the queue's shortest silence limit, so the place survives.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RepeatedRequestBlock { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Queue joins and holds per account per minute.</summary>
    [Range(1, 10_000)]
    public int SaleActionsPerMinute { get; set; } = 20;

    /// <summary>
    /// Failed sign-ins per client address within <see cref="LoginWindow"/> before that address gets 429:
    /// the blocking is per address (behind trusted proxies), never per account.
    /// </summary>
    [Range(1, 100_000)]
    public int FailedLoginsPerWindow { get; set; } = 100;

    /// <summary>
    /// Failed sign-ins of one account within <see cref="LoginWindow"/> that cost nothing; beyond them each
    /// attempt on that account must carry a proof of work, so guessing gets slow while the owner, whose
    /// browser solves it in about a second, is never locked out.
    /// </summary>
    [Range(0, 1_000)]
    public int FreeFailedLogins { get; set; } = 5;

    /// <summary>Leading zero bits of the sign-in proof of work; one more per ten further failures, up to 22.</summary>
    [Range(1, 22)]
    public int LoginProofBits { get; set; } = 16;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often refusals made by the API (429s, QUEUE009) are added to each sale's audit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefusalFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1_024, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Proxies (load balancers) whose X-Forwarded-For/-Proto are believed; nobody else's are. With no
    /// proxy and no network configured the headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of trusted proxies, e.g. the VPC's public subnets behind an ALB.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether Production serves the OpenAPI document and /scalar (always served elsewhere).</summary>
    public bool PublishApiReference { get; set; }
}
