namespace Tiketi.Api.Live;

/// <summary>Renews every event feed and buyer-notice shard of this host each time the cluster connection comes back.</summary>
public sealed partial class FeedResubscriber(
    ClusterReconnects reconnects, EventFeeds events, BuyerShardFeeds buyers, ILogger<FeedResubscriber> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await reconnects.WaitAsync(stoppingToken))
        {
            try
            {
                var renewedEvents = await events.ResubscribeAllAsync(stoppingToken);
                var renewedBuyers = await buyers.ResubscribeAllAsync(stoppingToken);
                LogRenewed(logger, renewedEvents, renewedBuyers);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewed {Events} event feeds and {Buyers} buyer-notice shards")]
    private static partial void LogRenewed(ILogger logger, int events, int buyers);
}
