using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiketi.Events;

namespace Tiketi.Api.Hosting;

/// <summary>Ready means a grain call round-trips through the cluster in time.</summary>
public sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetGrain<IEventCatalogGrain>(IEventCatalogGrain.Key)
                .SearchAsync(null, 1, 1, includeDrafts: false).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster did not answer.", exception);
        }
    }
}
