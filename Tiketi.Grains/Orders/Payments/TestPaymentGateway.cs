using System.Collections.Concurrent;

namespace Tiketi.Orders.Payments;

/// <summary>
/// The payment gateway of demos, tests and load runs. Its cards (docs/payments.md):
/// 4242424242424242 is approved, 4000000000000002 is declined, 4000000000009995 is declined for
/// insufficient funds, 4000000000000119 never answers (a timeout), 4000000000001976 is charged but
/// its answer is lost (the caller times out; <see cref="FindChargeAsync"/> finds the charge). Any
/// other number is declined.
/// Approved charges are remembered per silo by idempotency key.
/// </summary>
public sealed class TestPaymentGateway : IPaymentGateway
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";
    public const string TimeoutCard = "4000000000000119";
    public const string LostAnswerCard = "4000000000001976";

    private readonly ConcurrentDictionary<string, Lazy<PaymentResult>> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refunds = new(StringComparer.Ordinal);
    private int _chargeCount;

    /// <summary>How many distinct charges reached the "bank" (retries with a known key are not counted).</summary>
    public int ChargeCount => _chargeCount;

    public int RefundCount => _refunds.Count;

    public async Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var number = new string(charge.CardNumber.Where(char.IsAsciiDigit).ToArray());
        if (number == TimeoutCard)
        {
            // The bank never answers; the caller's deadline decides.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        // Only an approval is remembered: a declined attempt charged nothing, so a retry with another card may succeed.
        var result = _charges.GetOrAdd(charge.IdempotencyKey, _ => new Lazy<PaymentResult>(() => Decide(number))).Value;
        if (!result.Approved)
        {
            _charges.TryRemove(charge.IdempotencyKey, out _);
        }

        if (number == LostAnswerCard)
        {
            // The bank charged the card; its answer is lost on the way back.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return result;
    }

    public Task<PaymentResult?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_charges.TryGetValue(idempotencyKey, out var charge) ? charge.Value : null);

    public Task<PaymentResult> RefundAsync(string paymentReference, string idempotencyKey, CancellationToken cancellationToken)
    {
        _refunds.TryAdd(idempotencyKey, paymentReference);
        return Task.FromResult(PaymentResult.Approve($"rf_{idempotencyKey}"));
    }

    private PaymentResult Decide(string number)
    {
        switch (number)
        {
            case ApprovedCard or LostAnswerCard:
                Interlocked.Increment(ref _chargeCount);
                return PaymentResult.Approve($"ch_{Guid.NewGuid():N}");
            case InsufficientFundsCard:
                return PaymentResult.Decline("insufficient_funds");
            default:
                return PaymentResult.Decline("card_declined");
        }
    }
}
