using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>
/// Puts a notice on its buyer's shard of the buyer-notice streams (<see cref="SaleStreams.Buyers"/>),
/// without making the caller wait: the state it reports is already durable, and a lost notice only
/// delays what the browser shows (the orders page has the truth).
/// </summary>
public static partial class BuyerNotices
{
    public static void Publish(IStreamProvider streams, BuyerNotice notice, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(notice);
        var stream = streams.GetStream<BuyerNotice>(StreamId.Create(SaleStreams.Buyers, SaleStreams.BuyerShard(notice.BuyerId)));
        _ = PublishAsync(stream, notice, logger);
    }

    private static async Task PublishAsync(IAsyncStream<BuyerNotice> stream, BuyerNotice notice, ILogger logger)
    {
        try
        {
            await stream.OnNextAsync(notice);
        }
        catch (Exception exception)
        {
            LogNoticeFailed(logger, exception, notice.OrderId, notice.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing notice {Notice} of order {OrderId} failed")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string orderId, BuyerNoticeKind notice);
}
