using Tiketi.Common;

namespace Tiketi.Observability;

/// <summary>The label values of <c>tiketi_checkouts_total{outcome}</c>: a small fixed set, never a free-form message.</summary>
public static class CheckoutOutcomes
{
    public const string Paid = "paid";
    public const string AlreadyPaid = "already_paid";
    public const string Declined = "declined";
    public const string PaymentTimeout = "payment_timeout";
    public const string HoldExpired = "hold_expired";
    public const string NotPayable = "not_payable";
    public const string NotFound = "not_found";
    public const string Error = "error";
    public const string Failed = "failed";

    /// <param name="code">The result's reason code; null when the checkout succeeded.</param>
    public static string Of(string? code, bool wasPaid)
    {
        if (code is null)
        {
            return wasPaid ? AlreadyPaid : Paid;
        }

        return code switch
        {
            Reasons.PaymentDeclined => Declined,
            Reasons.PaymentTimeout => PaymentTimeout,
            Reasons.HoldExpired => HoldExpired,
            Reasons.OrderNotPayable => NotPayable,
            Reasons.OrderNotFound => NotFound,
            _ => Failed,
        };
    }
}
