using Tiketi.LoadTest.Invariants;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Tests;

/// <summary>
/// A broken sale on purpose: reads the real final state, then reports the first sold seat as sold a
/// second time to another buyer, as a sale engine with a race in its seat block would.
/// </summary>
public sealed class DoubleSellingReader(ISaleStateReader inner) : ISaleStateReader
{
    public async Task<SaleFinalState> ReadAsync(string eventId, IReadOnlyCollection<string> knownOrderIds, CancellationToken cancellationToken)
    {
        var state = await inner.ReadAsync(eventId, knownOrderIds, cancellationToken);
        var block = state.Blocks.First(b => b.Allocations.Any(a => a.Status == AllocationStatus.Sold));
        var sold = block.Allocations.First(a => a.Status == AllocationStatus.Sold);
        var twin = sold with { HoldId = "double-" + sold.HoldId, BuyerId = "someone-else", Items = [sold.Items[0]] };
        return state with { Blocks = [.. state.Blocks.Select(b => b == block ? b with { Allocations = [.. b.Allocations, twin] } : b)] };
    }
}
