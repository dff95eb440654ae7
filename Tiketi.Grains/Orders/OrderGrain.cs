using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Observability;
using Tiketi.Orders.Payments;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>
/// One order: it owns the hold with the same id, pays it exactly once, issues the tickets, and
/// gives seats back on cancellation or refund. It never calls its event grain, so an event-wide
/// cancellation that calls every order cannot deadlock.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", StorageNames.Sale)] IPersistentState<OrderState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    IPaymentGateway payments,
    TicketCodes ticketCodes,
    TiketiMetrics metrics,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private OrderView? Order => state.State.Order;

    public async Task CreateAsync(OrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Order is not null)
        {
            return;
        }

        var total = draft.Lines.Sum(l => l.UnitPrice * l.Quantity);
        state.State.Order = new OrderView(
            this.GetPrimaryKeyString(), draft.EventId, draft.BuyerId, draft.BlockId, OrderStatus.Held, draft.Lines,
            new Money(total, draft.Currency), draft.HoldExpiresAt, null, [], null, draft.CreatedAt, draft.EventStartsAt);
        await state.WriteStateAsync();
    }

    private async Task<Result<OrderView>> PayAsync(CheckoutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Owned(request.BuyerId) is { } refused)
        {
            return refused;
        }

        var order = Order!;
        if (order.Status == OrderStatus.Paid)
        {
            return Result<OrderView>.Ok(order);
        }

        if (order.Status != OrderStatus.Held)
        {
            return order.Status == OrderStatus.Expired
                ? Result<OrderView>.Fail(Reasons.HoldExpired, "The hold has expired; choose seats again.")
                : Result<OrderView>.Fail(Reasons.OrderNotPayable, $"An order that is {order.Status} cannot be paid.");
        }

        if (order.HoldExpiresAt <= clock.GetUtcNow())
        {
            await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
            return Result<OrderView>.Fail(Reasons.HoldExpired, "The hold has expired; choose seats again.");
        }

        await BeginPaymentAsync();
        var charge = await ChargeAsync(order, request.CardNumber);
        if (!charge.IsSuccess)
        {
            return Result<OrderView>.From(new Result(charge.Code, charge.Message));
        }

        var confirmed = await Block(order).ConfirmAsync(order.OrderId);
        if (!confirmed.IsSuccess)
        {
            // The seats are gone: the money goes back, and the buyer learns the hold ran out.
            await RefundChargeAsync(order, charge.Value!);
            await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
            await EndPaymentAsync();
            return Result<OrderView>.Fail(Reasons.HoldExpired, "The hold expired before payment completed; you were not charged.");
        }

        await RecordPaidAsync(order, charge.Value!, request.IdempotencyKey);
        return Result<OrderView>.Ok(state.State.Order!);
    }

    public async Task<Result<OrderView>> CancelAsync(string buyerId)
    {
        if (Owned(buyerId) is { } refused)
        {
            return refused;
        }

        var order = Order!;
        switch (order.Status)
        {
            case OrderStatus.Held:
                await Block(order).ReleaseAsync(order.OrderId, ReleaseReason.BuyerReleased);
                await EndHoldAsync(OrderStatus.Released, BuyerNoticeKind.HoldReleased);
                return Result<OrderView>.Ok(Order!);
            case OrderStatus.Paid when clock.GetUtcNow() > order.EventStartsAt - options.Value.RefundCutoff:
                return Result<OrderView>.Fail(Reasons.RefundWindowClosed, "Refunds close before the show; this order can no longer be cancelled.");
            case OrderStatus.Paid:
                return await RefundAsync();
            default:
                return Result<OrderView>.Fail(Reasons.OrderNotCancellable, $"An order that is {order.Status} cannot be cancelled.");
        }
    }

    public async Task<Result<OrderView>> RefundAsync()
    {
        if (Order is not { } order)
        {
            return Result<OrderView>.Fail(Reasons.OrderNotFound, "The order does not exist.");
        }

        if (order.Status == OrderStatus.Held)
        {
            await Block(order).ReleaseAsync(order.OrderId, ReleaseReason.ForcedByAdmin);
            await EndHoldAsync(OrderStatus.Released, BuyerNoticeKind.HoldReleased);
        }
        else if (order.Status == OrderStatus.Paid)
        {
            await payments.RefundAsync(order.PaymentReference!, $"{order.OrderId}:refund", CancellationToken.None);
            state.State.Order = order with { Status = OrderStatus.Refunded };
            await state.WriteStateAsync();
            await Block(order).ReturnSoldAsync(order.OrderId);
            await AnnounceAsync(BuyerNoticeKind.OrderRefunded);
        }

        return Result<OrderView>.Ok(Order!);
    }

    public async Task HoldEndedAsync(ReleaseReason reason)
    {
        if (Order is { Status: OrderStatus.Held } order)
        {
            await EndHoldAsync(
                reason == ReleaseReason.Expired ? OrderStatus.Expired : OrderStatus.Released,
                reason == ReleaseReason.Expired ? BuyerNoticeKind.HoldExpired : BuyerNoticeKind.HoldReleased);
            await EndHeldPaymentAsync(order);
        }
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(Order);
}
