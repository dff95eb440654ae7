using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Degraded while the silo's storage cannot reach PostgreSQL: grain calls that read or write wait (up to
/// the retry budget) instead of failing, and the silo serves again by itself when the database is back,
/// so there is nothing to gain by restarting it. Healthy storage costs the check nothing (it reads the
/// committers' own view); during an outage it asks the database, so the outage ends even when no grain
/// happens to write.
/// </summary>
public sealed class StorageHealthCheck(StorageCommitter committer) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (committer.Outage.Since is not { } since)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ProbeTimeout);
            await using var command = committer.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(deadline.Token);
            committer.Outage.Succeeded();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"PostgreSQL storage unreachable since {since:O}; grain reads and writes wait and retry.");
        }
    }
}
