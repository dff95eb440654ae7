using Tiketi.Common;
using Tiketi.Events;
using Tiketi.LoadTest.Invariants;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Orleans;

/// <summary>Reads a sale's final state from its grains: each block's seats and allocations, then every order.</summary>
public sealed class OrleansSaleStateReader(IClusterClient client, TimeProvider saleClock) : ISaleStateReader
{
    private const int OrderReadsAtOnce = 256;

    public async Task<SaleFinalState> ReadAsync(string eventId, IReadOnlyCollection<string> knownOrderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownOrderIds);

        // Taken before reading: anything seen afterwards is at least this late, so expiry checks err towards passing.
        var readAt = saleClock.GetUtcNow();
        var info = await client.GetGrain<IEventGrain>(eventId).GetAsync()
            ?? throw new InvalidOperationException($"Event {eventId} does not exist.");
        var blocks = await Task.WhenAll(info.Definition.Blocks.Select(async b =>
        {
            var grain = client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b.Id));
            var snapshot = await grain.GetSnapshotAsync();
            var allocations = await grain.GetAllocationsAsync();
            return new BlockFinalState(b.Id, b.Capacity, snapshot, allocations);
        }));

        var orderIds = blocks.SelectMany(b => b.Allocations.Select(a => a.HoldId)).Concat(knownOrderIds).Distinct(StringComparer.Ordinal).ToList();
        var orders = new List<OrderView>(orderIds.Count);
        foreach (var chunk in orderIds.Chunk(OrderReadsAtOnce))
        {
            cancellationToken.ThrowIfCancellationRequested();
            orders.AddRange((await Task.WhenAll(chunk.Select(id => client.GetGrain<IOrderGrain>(id).GetAsync()))).OfType<OrderView>());
        }

        return new SaleFinalState(eventId, info.Definition.PerBuyerLimit, readAt, blocks, orders);
    }
}
