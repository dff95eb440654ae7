using Microsoft.Extensions.Options;

namespace Tiketi.Api.Live;

/// <summary>
/// While the cluster is lost, calls it now and then (a management query, no sale grain) so that the
/// Orleans client reconnects even when no request comes in; the reconnection then renews the feeds.
/// </summary>
public sealed partial class ClusterProbe(
    IClusterClient client, ClusterReconnects reconnects, IOptions<LiveOptions> options, ILogger<ClusterProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReconnectProbeInterval;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (reconnects.IsLost)
                {
                    await ProbeAsync(interval * 5, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task ProbeAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        try
        {
            await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, stoppingToken).WaitAsync(timeout, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The cluster is still out of reach")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}
