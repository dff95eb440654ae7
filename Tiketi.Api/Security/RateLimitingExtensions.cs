using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tiketi.Api.Errors;

namespace Tiketi.Api.Security;

/// <summary>
/// Limits that fit a rush and a NAT. Signed-in requests to /api are limited per account (a NAT's buyers
/// never share a budget); anonymous ones per client address at a level a carrier-grade NAT survives;
/// sign-in and registration per address more tightly (bcrypt is dear); SignalR negotiations per address.
/// Checkout is never limited: a buyer holding seats must always be able to pay, and the order grain
/// refuses anyone else's hold at once. Queue joins and holds have a per-account policy on their routes;
/// queue polls have <see cref="QueuePollGuard"/>. A refusal is 429 with Retry-After.
/// </summary>
public static class RateLimitingExtensions
{
    public const string SaleActionPolicy = "sale-actions";

    public static IServiceCollection AddTiketiRateLimiting(this IServiceCollection services, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            limiter.AddPolicy(SaleActionPolicy, context => PerAccount(context, "sale", options.SaleActionsPerMinute, options.SaleActionsPerMinute));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var services = http.RequestServices;
                services.GetRequiredService<SecurityLog>().Throttled(LimitName(http), ClientIp(http), http.User.FindFirst("sub")?.Value, RouteOf(http));
                services.GetRequiredService<ApiRefusals>().Count(http.GetRouteValue("eventId") as string, ApiErrors.TooManyRequests);
                await TooManyAsync(http, ApiErrors.TooManyRequests, seconds, $"Too many requests; retry after {seconds} s.");
            };
        });
    }

    /// <summary>The address of the client, after trusted proxies' forwarded headers were applied.</summary>
    public static string ClientIp(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Answers 429 with Retry-After and the problem details of <paramref name="code"/>.</summary>
    public static Task TooManyAsync(HttpContext http, string code, int seconds, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Of(code, detail, new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(http);
    }

    private static RateLimitPartition<string> Partition(HttpContext context, SecurityOptions options)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/hubs") && path.Value!.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            return PerAddress(context, "negotiate", options.NegotiationsPerMinute);
        }

        if (!path.StartsWithSegments("/api") || IsCheckout(context) || QueuePollGuard.IsQueuePoll(context))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        if (path.StartsWithSegments("/api/auth/login") || path.StartsWithSegments("/api/auth/register") || path.StartsWithSegments("/api/auth/refresh"))
        {
            return PerAddress(context, "sign-in", options.SignInRequestsPerMinute);
        }

        return context.User.FindFirst("sub") is not null
            ? PerAccount(context, "account", options.AccountRequestsPerMinute, options.AccountBurst)
            : PerAddress(context, "anonymous", options.AnonymousRequestsPerMinute);
    }

    private static bool IsCheckout(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value is { } path
        && path.StartsWith("/api/holds/", StringComparison.Ordinal) && path.EndsWith("/checkout", StringComparison.Ordinal);

    private static RateLimitPartition<string> PerAccount(HttpContext context, string limit, int perMinute, int burst)
    {
        var who = context.User.FindFirst("sub")?.Value is { } sub ? $"{limit}:acct:{sub}" : $"{limit}:ip:{ClientIp(context)}";
        return Bucket(who, perMinute, burst);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string limit, int perMinute) =>
        Bucket($"{limit}:ip:{ClientIp(context)}", perMinute, perMinute);

    // A token bucket refilled every second: a client that ran dry waits a second or so, not a minute.
    private static RateLimitPartition<string> Bucket(string key, int perMinute, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, 1),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perMinute / 60.0)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / perMinute)),
            QueueLimit = 0,
        });

    private static string LimitName(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/hubs") ? "negotiate"
            : path.StartsWithSegments("/api/auth") ? "sign-in"
            : context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
              ?? (context.User.FindFirst("sub") is not null ? "account" : "anonymous");
    }

    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
}
