using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>One order (key: order id, equal to its hold id): hold, then checkout, then paid or ended.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Stores the new order and returns it; an order that already exists is returned as it is.</summary>
    Task<OrderView> CreateAsync(OrderDraft draft);

    /// <summary>Pays the order. A retry with any key after success returns the paid order without charging again.</summary>
    [AuditedEntryPoint, RetrySafe(RequiresKey = true)]
    Task<Result<OrderView>> CheckoutAsync(CheckoutRequest request);

    /// <summary>The buyer cancels: a hold is released, a paid order refunded while the refund window is open.</summary>
    [AuditedEntryPoint, RetrySafe]
    Task<Result<OrderView>> CancelAsync(string buyerId);

    /// <summary>The organiser refunds (an admin, or the event's cancellation): no refund window applies.</summary>
    Task<Result<OrderView>> RefundAsync();

    /// <summary>The block dropped the hold (expiry, admin release, cancellation).</summary>
    [OneWay]
    Task HoldEndedAsync(ReleaseReason reason);

    /// <summary>
    /// The checkout ledger asks an order whose payment began and whose outcome it has not heard of to
    /// finish: ask the gateway what became of the charge, then pay the order or refund the charge.
    /// True once the order owes the buyer nothing more (paid, refunded, or never charged and ended).
    /// </summary>
    Task<bool> SettleAsync();

    [ReadOnly]
    Task<OrderView?> GetAsync();

    /// <summary>Admits a ticket at the door: a genuine code of a paid order, once. A second scan is refused.</summary>
    Task<Result<Ticket>> CheckInAsync(string ticketCode);
}
