namespace Tiketi.Api.Live;

/// <summary>The buyer-notice shards this host subscribes to: those of the buyers connected here (at most <see cref="Tiketi.Common.SaleStreams.BuyerShards"/>).</summary>
public sealed class BuyerShardFeeds(IServiceProvider services, ILogger<BuyerShardFeeds> logger) : FeedRegistry<BuyerShardFeed>(logger)
{
    protected override BuyerShardFeed Create(string key) => ActivatorUtilities.CreateInstance<BuyerShardFeed>(services, key);
}
