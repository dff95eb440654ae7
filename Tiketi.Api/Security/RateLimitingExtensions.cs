using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tiketi.Api.Errors;

namespace Tiketi.Api.Security;

/// <summary>
/// Partitioned rate limits: a general budget per client IP on /api, and per-account budgets for the
/// actions a rush hammers (queue status polls, joins and holds). A refusal is 429 with Retry-After.
/// </summary>
public static class RateLimitingExtensions
{
    public const string QueueStatusPolicy = "queue-status";
    public const string SaleActionPolicy = "sale-actions";

    public static IServiceCollection AddTiketiRateLimiting(this IServiceCollection services, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !context.Request.Path.StartsWithSegments("/api") || IsQueueStatusPoll(context)
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter($"ip:{ClientIp(context)}", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.ApiRequestsPerWindow,
                        Window = options.ApiWindow,
                        QueueLimit = 0,
                    }));
            limiter.AddPolicy(QueueStatusPolicy, context => PerAccount(context, options.QueuePollsPerMinute));
            limiter.AddPolicy(SaleActionPolicy, context => PerAccount(context, options.SaleActionsPerMinute));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Of(ApiErrors.TooManyRequests, $"Too many requests; retry after {seconds} s.").ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    /// <summary>The address of the client, after trusted proxies' forwarded headers were applied.</summary>
    public static string ClientIp(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsQueueStatusPoll(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is { } path
        && path.StartsWith("/api/events/", StringComparison.Ordinal) && path.EndsWith("/queue", StringComparison.Ordinal);

    private static RateLimitPartition<string> PerAccount(HttpContext context, int perMinute)
    {
        var who = context.User.FindFirst("sub")?.Value is { } sub ? $"acct:{sub}" : $"ip:{ClientIp(context)}";
        return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
