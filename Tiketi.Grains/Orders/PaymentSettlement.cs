using Microsoft.Extensions.Options;
using Tiketi.Common;
using Tiketi.Orders.Payments;

namespace Tiketi.Orders;

/// <summary>
/// An order's dealings with the payment gateway. Every call carries a key derived from the order id
/// (<c>{orderId}:charge</c>, <c>{orderId}:refund</c>), whatever key the client retried with: so a
/// retried or interrupted checkout never charges twice, and after any crash the gateway can be asked
/// what became of the order's charge.
/// </summary>
public sealed class PaymentSettlement(IPaymentGateway gateway, IOptions<SaleOptions> options)
{
    /// <summary>Charges once per order: the reference of the charge, or why there is none (declined, or no answer in time).</summary>
    public async Task<Result<string>> ChargeAsync(OrderView order, string cardNumber)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var deadline = new CancellationTokenSource(options.Value.PaymentTimeout);
        try
        {
            var result = await gateway.ChargeAsync(new PaymentCharge(ChargeKey(order), order.Total.Amount, order.Total.Currency, cardNumber), deadline.Token);
            return result.Approved
                ? Result<string>.Ok(result.Reference!)
                : Result<string>.Fail(Reasons.PaymentDeclined, $"The card was declined ({result.DeclineReason}).");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Result<string>.Fail(Reasons.PaymentTimeout, "The payment provider did not answer in time; retry with the same idempotency key.");
        }
    }

    /// <summary>The reference of the order's approved charge, or null when nothing was charged. Throws when the gateway cannot say.</summary>
    public async Task<string?> FindChargeAsync(OrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var deadline = new CancellationTokenSource(options.Value.PaymentTimeout);
        var found = await gateway.FindChargeAsync(ChargeKey(order), deadline.Token);
        return found is { Approved: true, Reference: { } reference } ? reference : null;
    }

    public async Task RefundAsync(OrderView order, string reference)
    {
        ArgumentNullException.ThrowIfNull(order);
        await gateway.RefundAsync(reference, $"{order.OrderId}:refund", CancellationToken.None);
    }

    /// <summary>Gives back whatever was charged for an order whose hold ended; true when there was a charge.</summary>
    public async Task<bool> RefundAnyChargeAsync(OrderView order)
    {
        if (await FindChargeAsync(order) is not { } reference)
        {
            return false;
        }

        await RefundAsync(order, reference);
        return true;
    }

    private static string ChargeKey(OrderView order) => $"{order.OrderId}:charge";
}
