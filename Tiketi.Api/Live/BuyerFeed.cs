using Tiketi.Common;

namespace Tiketi.Api.Live;

/// <summary>
/// One buyer relayed by this host: it holds the buyer's notice shard (<see cref="BuyerShardFeeds"/>)
/// while the buyer has a connection here. Nothing is subscribed per buyer, so no stream registration
/// is written for a buyer; the shard's relay pushes to the buyer's SignalR group.
/// </summary>
public sealed class BuyerFeed(string buyerId, BuyerShardFeeds shards) : IStreamFeed
{
    private readonly string _shard = SaleStreams.BuyerShard(buyerId);

    public async Task SubscribeAsync() => await shards.AcquireAsync(_shard);

    public Task UnsubscribeAsync() => shards.ReleaseAsync(_shard);

    /// <summary>The shard feeds are renewed themselves when the cluster comes back (<see cref="FeedResubscriber"/>).</summary>
    public Task ResubscribeAsync() => Task.CompletedTask;
}
