using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>
/// One order: it owns the hold with the same id, pays it exactly once, issues the tickets, and gives
/// seats back on cancellation or refund. It never calls its event grain, so an event-wide cancellation
/// that calls every order cannot deadlock. Its writes: one at the hold, one when paid (or ended). Before
/// charging, the checkout is recorded in the sale's checkout ledger, which asks the order to settle
/// after any interruption (<see cref="SettleAsync"/>).
/// </summary>
public sealed class OrderGrain(
    [PersistentState("order", StorageNames.Sale)] IPersistentState<OrderState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    PaymentSettlement payments,
    TicketCodes tickets,
    CheckoutMeter meter,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IEventScoped, IRemindable
{
    // Orders of versions before the checkout ledger registered this per checkout; one may still fire once.
    private const string LegacySettleReminder = "settle-payment";

    private OrderView? Order => state.State.Order;

    /// <summary>An order's key is its own id, so it names its event for the sale's errors by code.</summary>
    public string? AuditEventId => Order?.EventId;

    public async Task<OrderView> CreateAsync(OrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Order is { } existing)
        {
            return existing;
        }

        var total = draft.Lines.Sum(l => l.UnitPrice * l.Quantity);
        state.State.Order = new OrderView(
            this.GetPrimaryKeyString(), draft.EventId, draft.BuyerId, draft.BlockId, OrderStatus.Held, draft.Lines,
            new Money(total, draft.Currency), draft.HoldExpiresAt, null, [], null, draft.CreatedAt, draft.EventStartsAt);
        await state.WriteStateAsync();
        return state.State.Order;
    }

    public async Task<Result<OrderView>> CheckoutAsync(CheckoutRequest request)
    {
        var wasPaid = Order?.Status == OrderStatus.Paid;
        var eventId = Order?.EventId ?? "";
        try
        {
            var result = await PayAsync(request);
            meter.Answered(eventId, result, wasPaid);
            return result;
        }
        catch (Exception)
        {
            meter.Failed(eventId);
            throw;
        }
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
            await payments.RefundAsync(order, order.PaymentReference!);
            state.State.Order = order with { Status = OrderStatus.Refunded };
            await state.WriteStateAsync();
            await Block(order).ReturnSoldAsync(order.OrderId);
            await AnnounceAsync(BuyerNoticeKind.OrderRefunded);
        }

        return Result<OrderView>.Ok(Order!);
    }

    /// <summary>A charge made for this hold, if any, is the ledger's to find and give back (<see cref="SettleAsync"/>).</summary>
    public async Task HoldEndedAsync(ReleaseReason reason)
    {
        if (Order is { Status: OrderStatus.Held })
        {
            await EndHoldAsync(
                reason == ReleaseReason.Expired ? OrderStatus.Expired : OrderStatus.Released,
                reason == ReleaseReason.Expired ? BuyerNoticeKind.HoldExpired : BuyerNoticeKind.HoldReleased);
        }
    }

    public async Task<bool> SettleAsync()
    {
        if (Order is not { } order)
        {
            return true;
        }

        switch (order.Status)
        {
            case OrderStatus.Paid or OrderStatus.Refunded:
                return true;
            case OrderStatus.Held when await payments.FindChargeAsync(order) is { } reference:
                OrderLog.Settling(logger, order.OrderId);
                await FinishAsync(order, reference, state.State.CheckoutKey);
                return true;
            case OrderStatus.Held when order.HoldExpiresAt > clock.GetUtcNow():
                // Nothing charged yet and the hold still runs: the buyer may still pay.
                return false;
            case OrderStatus.Held:
                // Nothing was charged and the hold is over: the block's sweep releases its seats.
                await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
                return true;
            default:
                // The hold ended while a payment was under way: whatever was charged goes back.
                await payments.RefundAnyChargeAsync(order);
                return true;
        }
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(Order);

    /// <summary>Door scanning: a code is compared with the one this order issued, and admits once.</summary>
    public async Task<Result<Ticket>> CheckInAsync(string ticketCode)
    {
        var ticket = Order?.Tickets.FirstOrDefault(t => string.Equals(t.Code, ticketCode, StringComparison.Ordinal));
        if (ticket is null)
        {
            return Result<Ticket>.Fail(Reasons.TicketInvalid, "This is not a ticket of this event.");
        }

        if (Order!.Status != OrderStatus.Paid)
        {
            return Result<Ticket>.Fail(Reasons.TicketNotValid, $"The ticket's order is {Order.Status}.");
        }

        if (state.State.CheckedIn.TryGetValue(ticket.TicketId, out var at))
        {
            return Result<Ticket>.Fail(Reasons.TicketAlreadyUsed, $"Ticket {ticket.TicketId} was admitted at {at:O}.");
        }

        state.State.CheckedIn[ticket.TicketId] = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Result<Ticket>.Ok(ticket);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacySettleReminder && await SettleAsync() && await this.GetReminder(LegacySettleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
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

        // Durable before the charge: from here on the ledger sees to it that this checkout ends in an outcome.
        await Ledger(order).BeginAsync(order.OrderId);
        var charge = await payments.ChargeAsync(order, request.CardNumber);
        if (!charge.IsSuccess)
        {
            if (charge.Code == Reasons.PaymentDeclined)
            {
                // The gateway answers a known key with its first answer, so a decline means nothing is charged under it.
                await Ledger(order).EndAsync(order.OrderId);
            }

            return Result<OrderView>.From(new Result(charge.Code, charge.Message));
        }

        return await FinishAsync(order, charge.Value!, request.IdempotencyKey);
    }

    /// <summary>The card is charged: the block sells the seats and the order is paid, or the seats are gone and the money goes back.</summary>
    private async Task<Result<OrderView>> FinishAsync(OrderView order, string reference, string? checkoutKey)
    {
        var confirmed = await Block(order).ConfirmAsync(order.OrderId);
        if (!confirmed.IsSuccess)
        {
            await payments.RefundAsync(order, reference);
            await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
            await Ledger(order).EndAsync(order.OrderId);
            return Result<OrderView>.Fail(Reasons.HoldExpired, "The hold expired before payment completed; you were not charged.");
        }

        // Paid: durable before anyone is told; then the buyer, the queue slot and the ledger, none of them awaited.
        state.State.CheckoutKey = checkoutKey;
        state.State.Order = order with
        {
            Status = OrderStatus.Paid,
            PaidAt = clock.GetUtcNow(),
            PaymentReference = reference,
            Tickets = tickets.IssueAll(order),
        };
        await state.WriteStateAsync();
        await AnnounceAsync(BuyerNoticeKind.OrderPaid);
        await GrainFactory.GetGrain<IWaitingQueueGrain>(order.EventId).CompleteAsync(order.BuyerId);
        await Ledger(order).EndAsync(order.OrderId);
        return Result<OrderView>.Ok(state.State.Order);
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

    /// <summary>Tells the buyer grain (for the limit) and the buyer's browsers (through the notice stream); both one-way.</summary>
    private async Task AnnounceAsync(BuyerNoticeKind notice)
    {
        var order = Order!;
        await GrainFactory.GetGrain<IBuyerGrain>(GrainKeys.Buyer(order.EventId, order.BuyerId))
            .OrderChangedAsync(order.OrderId, order.Status, order.Quantity);
        BuyerNotices.Publish(this.GetStreamProvider(SaleStreams.Provider), new BuyerNotice(order.BuyerId, order.OrderId, notice, clock.GetUtcNow()), logger);
    }

    private Result<OrderView>? Owned(string buyerId) => Order switch
    {
        null => Result<OrderView>.Fail(Reasons.OrderNotFound, "The order does not exist."),
        { } o when !string.Equals(o.BuyerId, buyerId, StringComparison.Ordinal) =>
            Result<OrderView>.Fail(Reasons.OrderNotFound, "The order does not exist."),
        _ => null,
    };

    private ISeatBlockGrain Block(OrderView order) =>
        GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(order.EventId, order.BlockId));

    private ICheckoutLedgerGrain Ledger(OrderView order) =>
        GrainFactory.GetGrain<ICheckoutLedgerGrain>(GrainKeys.Ledger(order.EventId, order.OrderId));
}
