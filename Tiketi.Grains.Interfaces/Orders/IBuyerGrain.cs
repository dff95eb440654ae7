using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Waitlist;

namespace Tiketi.Orders;

/// <summary>
/// A buyer's purchases for one event (key: "{eventId}/{buyerId}"). It enforces the per-buyer limit
/// across all of the buyer's orders, so no event-wide grain sees every purchase.
/// </summary>
public interface IBuyerGrain : IGrainWithStringKey
{
    /// <summary>Holds seats; sent again with the same <see cref="HoldRequest.IdempotencyKey"/>, it answers the same order.</summary>
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
    Task<Result<OrderView>> TakeWaitlistOfferAsync(WaitlistOfferCommand command);
}
