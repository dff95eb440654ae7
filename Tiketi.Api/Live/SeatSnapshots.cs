using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Live;

/// <summary>Reads what the grains say now: an event's blocks, and a block's seats at its current version.</summary>
public sealed class SeatSnapshots(IClusterClient client)
{
    /// <summary>The event's block ids, or null when there is no such event.</summary>
    public async Task<ImmutableArray<string>?> BlockIdsAsync(string eventId) =>
        await client.GetGrain<IEventGrain>(eventId).GetAsync() is { } info
            ? [.. info.Definition.Blocks.Select(b => b.Id)]
            : null;

    public Task<SeatMapSnapshot> OfBlockAsync(string eventId, string blockId) =>
        client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, blockId)).GetSnapshotAsync();

    public async Task<IReadOnlyList<SeatMapSnapshot>> OfBlocksAsync(string eventId, IEnumerable<string> blockIds) =>
        await Task.WhenAll(blockIds.Select(b => OfBlockAsync(eventId, b)));
}
