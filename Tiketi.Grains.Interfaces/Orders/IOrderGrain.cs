using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>One order (key: order id, equal to its hold id): hold, then checkout, then paid or ended.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    Task CreateAsync(OrderDraft draft);

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

    [ReadOnly]
    Task<OrderView?> GetAsync();

    /// <summary>Admits a ticket at the door: a genuine code of a paid order, once. A second scan is refused.</summary>
    Task<Result<Ticket>> CheckInAsync(string ticketCode);
}

/// <summary>
/// A buyer's purchases for one event (key: "{eventId}/{buyerId}"). It enforces the per-buyer limit
/// across all of the buyer's orders, so no event-wide grain sees every purchase.
/// </summary>
public interface IBuyerGrain : IGrainWithStringKey
{
    [AuditedEntryPoint, RetrySafe(RequiresKey = true)]
    Task<Result<OrderView>> HoldAsync(HoldRequest request);

    [ReadOnly]
    Task<BuyerEventView> GetAsync();

    /// <summary>
    /// An order of this buyer changed status. One-way, so an order never waits on its buyer grain
    /// (which may itself be waiting on an order): no call cycle can form.
    /// </summary>
    [OneWay]
    Task OrderChangedAsync(string orderId, OrderStatus status, int quantity);

    /// <summary>
    /// The waitlist offers this buyer reserved seats: they become a held order under the per-buyer limit,
    /// with the event's hold time and no queue pass (the sale itself made the offer).
    /// </summary>
    Task<Result<OrderView>> TakeWaitlistOfferAsync(Tiketi.Waitlist.WaitlistOfferCommand command);
}
