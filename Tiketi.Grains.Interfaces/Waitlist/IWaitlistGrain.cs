using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Waitlist;

/// <summary>
/// The waitlist of one sold-out sale (key: event id). Buyers wait for a category and a quantity; seats
/// that come back are reserved for it by their block and offered here, as real holds, in join order.
/// </summary>
public interface IWaitlistGrain : IGrainWithStringKey
{
    /// <summary>Joins while the category has nothing available; joining again with the same wish keeps the place.</summary>
    [AuditedEntryPoint]
    Task<Result<WaitlistStatus>> JoinAsync(string buyerId, string categoryId, int quantity);

    /// <summary>Leaves the waitlist. Idempotent; an offer already made stays the buyer's hold.</summary>
    Task<WaitlistStatus> LeaveAsync(string buyerId);

    [ReadOnly]
    Task<WaitlistStatus> GetStatusAsync(string buyerId);

    /// <summary>
    /// A block reserved freed seats for the waitlist. One-way: blocks never wait on the waitlist, which
    /// itself calls blocks, so no call cycle can form.
    /// </summary>
    [OneWay]
    Task SeatsReservedAsync(WaitlistReservation reservation);

    /// <summary>An offered hold was paid, or ended unpaid. One-way, from the buyer grain that saw it change.</summary>
    [OneWay]
    Task OfferEndedAsync(string orderId, OrderStatus status);

    /// <summary>
    /// The event closed its sale or was cancelled: the waitlist closes at once and blocks stop reserving.
    /// One-way, from the event grain, which the waitlist itself reads.
    /// </summary>
    [OneWay]
    Task SaleEndedAsync();

    [ReadOnly]
    Task<WaitlistAudit> GetAuditAsync();
}
