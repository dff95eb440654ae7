using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Api.Live;

/// <summary>One buyer's notice stream on this host, relayed to the buyer's SignalR group.</summary>
public sealed partial class BuyerFeed(string buyerId, IClusterClient client, SalePush push, ILogger<BuyerFeed> logger) : IStreamFeed
{
    private StreamSubscriptionHandle<BuyerNotice>? _notices;

    public async Task SubscribeAsync() =>
        _notices = await client.GetStreamProvider(SaleStreams.Provider)
            .GetStream<BuyerNotice>(StreamId.Create(SaleStreams.Buyer, buyerId))
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
            LogStaleUnsubscribeFailed(logger, exception, buyerId);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping the old notice subscription of buyer {BuyerId} failed")]
    private static partial void LogStaleUnsubscribeFailed(ILogger logger, Exception exception, string buyerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying notice {Kind} of order {OrderId} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string orderId, BuyerNoticeKind kind);
}
