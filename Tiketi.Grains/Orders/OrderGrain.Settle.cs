using Microsoft.Extensions.Logging;
using Tiketi.Queue;

namespace Tiketi.Orders;

/// <summary>
/// A checkout can stop between the charge and the order's write: a silo dies, or the gateway's answer
/// is lost. Before charging, the order records that a payment began and registers a reminder; until
/// the order is paid or its hold has ended, the reminder asks the gateway what became of the charge
/// and finishes the checkout (or refunds it). So a card is never charged without tickets, and seats a
/// block sold are never left without a paid order, whether or not the buyer comes back.
/// </summary>
public sealed partial class OrderGrain : IRemindable
{
    private const string SettleReminder = "settle-payment";

    // Kept from registration, so finishing a checkout does not read the reminder table back on the hot path.
    private IGrainReminder? _settleReminder;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SettleReminder)
        {
            await SettleAsync();
        }
    }

    /// <summary>Durable before the charge: the reminder first, so no recorded payment is ever without one.</summary>
    private async Task BeginPaymentAsync()
    {
        if (state.State.PaymentStartedAt is not null)
        {
            return;
        }

        var every = options.Value.PaymentSettleInterval;
        _settleReminder = await this.RegisterOrUpdateReminder(SettleReminder, every, every);
        state.State.PaymentStartedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    private async Task SettleAsync()
    {
        if (Order is not { } ended || state.State.PaymentStartedAt is null || ended.Status is OrderStatus.Paid or OrderStatus.Refunded)
        {
            await EndPaymentAsync();
            return;
        }

        if (ended.Status != OrderStatus.Held)
        {
            // The hold ended without the lost charge being found (the gateway did not answer then): look again.
            await RefundLostChargeAsync(ended);
            await EndPaymentAsync();
            return;
        }

        var order = ended;

        if (await FindChargeAsync(order) is { } reference)
        {
            LogSettling(logger, order.OrderId);
            var confirmed = await Block(order).ConfirmAsync(order.OrderId);
            if (confirmed.IsSuccess)
            {
                await RecordPaidAsync(order, reference, state.State.CheckoutKey);
            }
            else
            {
                await RefundChargeAsync(order, reference);
                await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
                await EndPaymentAsync();
            }
        }
        else if (order.HoldExpiresAt <= clock.GetUtcNow())
        {
            // Nothing was charged and the hold is over: the block's sweep releases its seats.
            await EndHoldAsync(OrderStatus.Expired, BuyerNoticeKind.HoldExpired);
            await EndPaymentAsync();
        }
    }

    /// <summary>Paid: durable before anyone is told; then the buyer, the queue slot, and the reminder.</summary>
    private async Task RecordPaidAsync(OrderView order, string reference, string? checkoutKey)
    {
        state.State.CheckoutKey = checkoutKey;
        state.State.Order = order with
        {
            Status = OrderStatus.Paid,
            PaidAt = clock.GetUtcNow(),
            PaymentReference = reference,
            Tickets = IssueTickets(order),
        };
        await state.WriteStateAsync();
        await AnnounceAsync(BuyerNoticeKind.OrderPaid);
        await GrainFactory.GetGrain<IWaitingQueueGrain>(order.EventId).CompleteAsync(order.BuyerId);
        await EndPaymentAsync();
    }

    /// <summary>A hold that ended while a payment was under way gives back whatever was charged for it.</summary>
    private async Task RefundLostChargeAsync(OrderView order)
    {
        if (state.State.PaymentStartedAt is not null && await FindChargeAsync(order) is { } reference)
        {
            await RefundChargeAsync(order, reference);
        }
    }

    /// <summary>
    /// The hold ended (its block said so). Any charge made for it goes back; if the gateway cannot say
    /// now, the reminder stays and asks again, and the block's sweep is not held up.
    /// </summary>
    private async Task EndHeldPaymentAsync(OrderView order)
    {
        try
        {
            await RefundLostChargeAsync(order);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or HttpRequestException)
        {
            LogLookupFailed(logger, exception, order.OrderId);
            return;
        }

        await EndPaymentAsync();
    }

    private async Task<string?> FindChargeAsync(OrderView order)
    {
        using var deadline = new CancellationTokenSource(options.Value.PaymentTimeout);
        var found = await payments.FindChargeAsync(ChargeKey(order), deadline.Token);
        return found is { Approved: true, Reference: { } reference } ? reference : null;
    }

    private async Task RefundChargeAsync(OrderView order, string reference) =>
        await payments.RefundAsync(reference, $"{order.OrderId}:refund", CancellationToken.None);

    private async Task EndPaymentAsync()
    {
        if (state.State.PaymentStartedAt is null)
        {
            return;
        }

        if ((_settleReminder ?? await this.GetReminder(SettleReminder)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _settleReminder = null;
        }
    }

    private static string ChargeKey(OrderView order) => $"{order.OrderId}:charge";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: the gateway could not say what became of its charge; asking again later")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: an interrupted checkout was charged; finishing it")]
    private static partial void LogSettling(ILogger logger, string orderId);
}
