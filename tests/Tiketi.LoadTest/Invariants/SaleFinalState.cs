using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Invariants;

/// <summary>
/// What a sale looks like once the rush is over, as read from its owners: every block's seats and
/// allocations, and every order the audit could find (the blocks' hold ids and the orders the tool saw).
/// </summary>
public sealed record SaleFinalState(
    string EventId,
    int PerBuyerLimit,
    DateTimeOffset ReadAt,
    IReadOnlyList<BlockFinalState> Blocks,
    IReadOnlyList<OrderView> Orders);

/// <summary>One block at the end: its capacity, its seat map and who holds or bought what.</summary>
public sealed record BlockFinalState(string BlockId, int Capacity, SeatMapSnapshot Snapshot, IReadOnlyList<AllocationView> Allocations);

/// <summary>Reads the final state of a sale; the invariant check sits behind it so a test can feed it a broken sale.</summary>
public interface ISaleStateReader
{
    /// <param name="knownOrderIds">Orders the tool was told about (holds granted, checkouts paid), so a lost one is noticed.</param>
    Task<SaleFinalState> ReadAsync(string eventId, IReadOnlyCollection<string> knownOrderIds, CancellationToken cancellationToken);
}
