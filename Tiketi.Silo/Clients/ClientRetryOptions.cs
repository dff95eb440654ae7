using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Clients;

/// <summary>
/// How an Orleans client of the cluster (an API host, the load tool) rides out a failover, bound from
/// "Orleans:Client". Validated at start: a client with no budget, or a timeout longer than any buyer waits,
/// refuses to start.
/// </summary>
public sealed class ClientRetryOptions
{
    public const string Section = "Orleans:Client";

    /// <summary>
    /// No retry starts after this long from the first failure; the last failure is then the caller's
    /// (the API answers 503 with Retry-After). Long enough to cover a dead silo's detection and its
    /// grains' reactivation (a few seconds), short enough that a buyer is told something.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each next one doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a call waits for its answer. A call in flight to a silo that dies gets no answer at all;
    /// this is how long it takes to learn that (Orleans' default is 30 s). Keep it above the slowest
    /// answer a healthy but busy cluster gives: a first activation that loads and writes state on an
    /// overloaded host took over 5 s in the tests, and a payment waits for the provider up to
    /// Sale:PaymentTimeout (10 s by default; a retry-safe checkout that times out is retried with its key
    /// and finds the payment). A call timed out too early is sent twice if retry-safe, else answered 503.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the client rereads the gateways from the membership table (Orleans' default: 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
