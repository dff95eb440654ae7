namespace Tiketi.Orders.Payments;

/// <summary>
/// A card payment provider. Every call carries an idempotency key: the same key never charges or
/// refunds twice, which is what makes a retried checkout safe.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges a card. Cancellation means "no answer in time": the caller reports a timeout.</summary>
    Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken);

    Task<PaymentResult> RefundAsync(string paymentReference, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// What became of a charge whose answer never arrived: the approved charge made under this
    /// idempotency key, or null when nothing was charged. Providers offer this as a lookup by key or
    /// by merchant order id.
    /// </summary>
    Task<PaymentResult?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record PaymentCharge(string IdempotencyKey, long Amount, string Currency, string CardNumber);

public sealed record PaymentResult(bool Approved, string? Reference, string? DeclineReason)
{
    public static PaymentResult Approve(string reference) => new(true, reference, null);

    public static PaymentResult Decline(string reason) => new(false, null, reason);
}
