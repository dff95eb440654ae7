using System.Collections.Frozen;
using Tiketi.Common;

namespace Tiketi.Api.Errors;

/// <summary>The HTTP status and title of every code: one table, so a code always answers the same way.</summary>
public static class ErrorCatalogue
{
    private static readonly FrozenDictionary<string, (int Status, string Title)> Entries = new Dictionary<string, (int, string)>
    {
        [Reasons.SeatTaken] = (409, "Seat already reserved"),
        [Reasons.HoldExpired] = (410, "Hold expired"),
        [Reasons.NotEnoughInventory] = (409, "Not enough inventory"),
        [Reasons.LimitReached] = (409, "Ticket limit reached"),
        [Reasons.UnknownSeat] = (400, "Unknown seat"),
        [Reasons.UnknownBlock] = (404, "Unknown block"),
        [Reasons.UnknownCategory] = (400, "Unknown category"),
        [Reasons.InvalidSelection] = (400, "Invalid selection"),
        [Reasons.HoldNotFound] = (404, "Hold not found"),
        [Reasons.EventNotFound] = (404, "Event not found"),
        [Reasons.EventNotEditable] = (409, "Event not editable"),
        [Reasons.InvalidEvent] = (400, "Invalid event"),
        [Reasons.SaleNotOpen] = (409, "Sale not open"),
        [Reasons.SaleClosed] = (409, "Sale closed"),
        [Reasons.EventCancelled] = (410, "Event cancelled"),
        [Reasons.InvalidTransition] = (409, "Status change not allowed"),
        [Reasons.NotAdmitted] = (403, "Not admitted"),
        [Reasons.PassInvalid] = (403, "Queue pass invalid"),
        [Reasons.PassExpired] = (403, "Queue pass expired"),
        [Reasons.SoldOut] = (410, "Sold out"),
        [Reasons.NotInQueue] = (404, "Not in queue"),
        [Reasons.ProofOfWorkRequired] = (403, "Proof of work missing or invalid"),
        [Reasons.OrderNotFound] = (404, "Order not found"),
        [Reasons.OrderNotPayable] = (409, "Order not payable"),
        [Reasons.RefundWindowClosed] = (409, "Refund window closed"),
        [Reasons.OrderNotCancellable] = (409, "Order not cancellable"),
        [Reasons.TicketInvalid] = (404, "Ticket not found"),
        [Reasons.TicketAlreadyUsed] = (409, "Ticket already used"),
        [Reasons.TicketNotValid] = (409, "Ticket not valid"),
        [Reasons.PaymentDeclined] = (402, "Payment declined"),
        [Reasons.PaymentTimeout] = (504, "Payment timed out"),
        [Reasons.IdempotencyKeyInvalid] = (400, "Idempotency key missing or invalid"),
        [Reasons.SeatsAvailable] = (409, "Seats available"),
        [Reasons.WaitlistQuantityInvalid] = (400, "Waitlist quantity invalid"),
        [Reasons.AlreadyWaitlisted] = (409, "Already on the waitlist"),
        [Reasons.WaitlistFull] = (409, "Waitlist full"),
        [ApiErrors.TokenMissing] = (401, "Authentication required"),
        [ApiErrors.TokenInvalid] = (401, "Token invalid"),
        [ApiErrors.Forbidden] = (403, "Forbidden"),
        [ApiErrors.BadCredentials] = (401, "Wrong email or password"),
        [ApiErrors.EmailTaken] = (409, "Email already registered"),
        [ApiErrors.RefreshInvalid] = (401, "Refresh token invalid"),
        [ApiErrors.MalformedRequest] = (400, "Malformed request"),
        [ApiErrors.ValidationFailed] = (400, "Validation failed"),
        [ApiErrors.NotFound] = (404, "Not found"),
        [ApiErrors.TooManyRequests] = (429, "Too many requests"),
        [ApiErrors.Internal] = (500, "Internal error"),
        [ApiErrors.Unavailable] = (503, "Temporarily unavailable"),

        // On-sale audit (issue #10)
        [ApiErrors.BuyerNotFound] = (404, "Buyer not found"),

        // Pre-queue lottery and queue place per account (issue #10)
        [Reasons.PreQueueNotOpen] = (409, "Waiting room not open yet"),
        [Reasons.QueueSilenceDropped] = (410, "Queue place lost to silence"),

        // Security round two (issue #16)
        [Reasons.RepeatedRequests] = (429, "Repeated requests blocked"),
        [Reasons.NoQueue] = (409, "This sale has no waiting queue"),
        [ApiErrors.SignInProofRequired] = (403, "Proof of work required to sign in"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Codes => Entries.Keys;

    public static (int Status, string Title) Describe(string code) =>
        Entries.TryGetValue(code, out var entry) ? entry : (500, "Unexpected error");
}
