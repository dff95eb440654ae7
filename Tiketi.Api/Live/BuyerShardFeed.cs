using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Api.Live;

/// <summary>
/// One shard of the buyer-notice streams on this host, relayed to the SignalR group of each notice's
/// buyer. Notices of buyers with no connection here go to an empty group, which costs nothing.
/// </summary>
public sealed partial class BuyerShardFeed(string shard, IClusterClient client, SalePush push, ILogger<BuyerShardFeed> logger) : IStreamFeed
{
    private StreamSubscriptionHandle<BuyerNotice>? _notices;

    public async Task SubscribeAsync() =>
        _notices = await client.GetStreamProvider(SaleStreams.Provider)
            .GetStream<BuyerNotice>(StreamId.Create(SaleStreams.Buyers, shard))
            .SubscribeAsync(OnNoticeAsync);

    public async Task UnsubscribeAsync()
    {
        var notices = _notices;
        _notices = null;
        await (notices?.UnsubscribeAsync() ?? Task.CompletedTask);
    }

    /// <summary>Notices sent while the host was cut off are lost; the buyer's orders page has the truth.</summary>
    public async Task ResubscribeAsync()
    {
        try
        {
            await UnsubscribeAsync();
        }
        catch (Exception exception)
        {
            LogStaleUnsubscribeFailed(logger, exception, shard);
        }

        await SubscribeAsync();
    }

    private async Task OnNoticeAsync(BuyerNotice notice, StreamSequenceToken? token)
    {
        try
        {
            await push.BuyerNoticeAsync(notice);
        }
        catch (Exception exception)
        {
            LogRelayFailed(logger, exception, notice.OrderId, notice.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping the old subscription of buyer-notice shard {Shard} failed")]
    private static partial void LogStaleUnsubscribeFailed(ILogger logger, Exception exception, string shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying notice {Kind} of order {OrderId} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string orderId, BuyerNoticeKind kind);
}
