using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Degraded while the silo's storage cannot reach PostgreSQL: grain calls that read or write wait (up to
/// the retry budget) instead of failing, and the silo serves again by itself when the database is back,
/// so there is nothing to gain by restarting it. Reads the committers' own view; sends no query.
/// </summary>
public sealed class StorageHealthCheck(StorageOutage outage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(outage.Since is { } since
            ? HealthCheckResult.Degraded($"PostgreSQL storage unreachable since {since:O}; reads and writes are waiting and retrying.")
            : HealthCheckResult.Healthy());
}
