using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Tiketi.Silo.Observability;

/// <summary>
/// Whether PostgreSQL answers a query in time. When it does not, the check reports its registration's
/// failure status (Unhealthy unless registered otherwise: a silo registers Degraded, because its storage
/// waits for the database and recovers by itself). The connection string never appears in the result.
/// </summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)Timeout.TotalSeconds, Pooling = true };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return new HealthCheckResult(
                context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy, $"PostgreSQL did not answer ({exception.GetType().Name}).");
        }
    }
}

/// <summary>A silo is ready once it is an active member of its cluster.</summary>
public sealed class SiloStatusHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var oracle = services.GetService(typeof(ISiloStatusOracle)) as ISiloStatusOracle;
        return Task.FromResult(oracle?.CurrentStatus switch
        {
            SiloStatus.Active => HealthCheckResult.Healthy(),
            null => HealthCheckResult.Unhealthy("This process hosts no silo."),
            var status => HealthCheckResult.Unhealthy($"The silo is {status}."),
        });
    }
}
