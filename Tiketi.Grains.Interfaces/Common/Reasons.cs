namespace Tiketi.Common;

/// <summary>
/// The one catalogue of stable reason codes. Clients switch on these, so a code never changes
/// meaning once published; docs/errors.md describes each.
/// </summary>
public static class Reasons
{
    // Inventory and holds
    public const string SeatTaken = "RES001";
    public const string HoldExpired = "RES002";
    public const string NotEnoughInventory = "RES003";
    public const string LimitReached = "RES004";
    public const string UnknownSeat = "RES005";
    public const string UnknownBlock = "RES006";
    public const string UnknownCategory = "RES007";
    public const string InvalidSelection = "RES008";
    public const string HoldNotFound = "RES009";

    // Seat-level layout (issue #15): blocked seats, wheelchair spaces with their companion seat
    public const string SeatNotForSale = "RES010";
    public const string WheelchairPairSplit = "RES011";

    // Sale and event lifecycle
    public const string EventNotFound = "EVT001";
    public const string EventNotEditable = "EVT002";
    public const string InvalidEvent = "EVT003";
    public const string SaleNotOpen = "SALE001";
    public const string SaleClosed = "SALE002";
    public const string EventCancelled = "SALE003";
    public const string InvalidTransition = "SALE004";

    // Waiting queue
    public const string NotAdmitted = "QUEUE001";
    public const string PassInvalid = "QUEUE002";
    public const string PassExpired = "QUEUE003";
    public const string SoldOut = "QUEUE004";
    public const string NotInQueue = "QUEUE005";
    public const string ProofOfWorkRequired = "QUEUE006";

    // Orders and payment
    public const string OrderNotFound = "ORD001";
    public const string OrderNotPayable = "ORD002";
    public const string RefundWindowClosed = "ORD004";
    public const string OrderNotCancellable = "ORD005";
    public const string TicketInvalid = "TKT001";
    public const string TicketAlreadyUsed = "TKT002";
    public const string TicketNotValid = "TKT003";
    public const string PaymentDeclined = "PAY001";
    public const string PaymentTimeout = "PAY002";
    public const string IdempotencyKeyInvalid = "PAY003";

    // Waitlist (issue #10)
    public const string SeatsAvailable = "WAIT001";
    public const string WaitlistQuantityInvalid = "WAIT002";
    public const string AlreadyWaitlisted = "WAIT003";
    public const string WaitlistFull = "WAIT004";

    // Pre-queue lottery and queue place per account (issue #10)
    public const string PreQueueNotOpen = "QUEUE007";
    public const string QueueSilenceDropped = "QUEUE008";

    // Security round two (issue #16)
    public const string RepeatedRequests = "QUEUE009";
    public const string NoQueue = "QUEUE010";
}
