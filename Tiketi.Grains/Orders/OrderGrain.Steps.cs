using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Orders.Payments;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>The steps of an order's life that several commands share.</summary>
public sealed partial class OrderGrain
{
    private Result<OrderView>? Owned(string buyerId) => Order switch
    {
        null => Result<OrderView>.Fail(Reasons.OrderNotFound, "The order does not exist."),
        { } o when !string.Equals(o.BuyerId, buyerId, StringComparison.Ordinal) =>
            Result<OrderView>.Fail(Reasons.OrderNotFound, "The order does not exist."),
        _ => null,
    };

    /// <summary>Charges once per order: the gateway key is the order id, whatever key the client retried with.</summary>
    private async Task<Result<string>> ChargeAsync(OrderView order, string cardNumber)
    {
        using var deadline = new CancellationTokenSource(options.Value.PaymentTimeout);
        try
        {
            var result = await payments.ChargeAsync(
                new PaymentCharge(ChargeKey(order), order.Total.Amount, order.Total.Currency, cardNumber), deadline.Token);
            return result.Approved
                ? Result<string>.Ok(result.Reference!)
                : Result<string>.Fail(Reasons.PaymentDeclined, $"The card was declined ({result.DeclineReason}).");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Result<string>.Fail(Reasons.PaymentTimeout, "The payment provider did not answer in time; retry with the same idempotency key.");
        }
    }

    private ImmutableArray<Ticket> IssueTickets(OrderView order)
    {
        var tickets = ImmutableArray.CreateBuilder<Ticket>();
        foreach (var line in order.Lines)
        {
            for (var i = 0; i < line.Quantity; i++)
            {
                var ticketId = $"{order.OrderId}-{tickets.Count + 1}";
                tickets.Add(new Ticket(ticketId, line.SeatId, line.CategoryId, ticketCodes.Issue(ticketId, order.EventId, order.BuyerId, line.SeatId)));
            }
        }

        return tickets.ToImmutable();
    }

    private async Task EndHoldAsync(OrderStatus status, BuyerNoticeKind notice)
    {
        var order = Order!;
        if (order.Status != OrderStatus.Held)
        {
            return;
        }

        state.State.Order = order with { Status = status };
        await state.WriteStateAsync();
        await AnnounceAsync(notice);
    }

    /// <summary>Tells the buyer grain (for the limit) and the buyer's browsers (through the stream).</summary>
    private async Task AnnounceAsync(BuyerNoticeKind notice)
    {
        var order = Order!;
        await GrainFactory.GetGrain<IBuyerGrain>(GrainKeys.Buyer(order.EventId, order.BuyerId))
            .OrderChangedAsync(order.OrderId, order.Status, order.Quantity);
        try
        {
            var stream = this.GetStreamProvider(SaleStreams.Provider).GetStream<BuyerNotice>(StreamId.Create(SaleStreams.Buyer, order.BuyerId));
            await stream.OnNextAsync(new BuyerNotice(order.BuyerId, order.OrderId, notice, clock.GetUtcNow()));
        }
        catch (Exception exception)
        {
            // The order is already durable; a lost notice only delays what the browser shows.
            LogNoticeFailed(logger, exception, order.OrderId, notice);
        }
    }

    private ISeatBlockGrain Block(OrderView order) =>
        GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(order.EventId, order.BlockId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing notice {Notice} of order {OrderId} failed")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string orderId, BuyerNoticeKind notice);
}
