using Tiketi.Api.Live;

namespace Tiketi.Api.Tests.Live;

/// <summary>
/// A watcher's local seat map, kept the way ISaleClient documents: a snapshot replaces a block unless it
/// is older; the next version of a delta is applied; older ones and ones of blocks without a snapshot
/// are ignored; a newer one is a gap.
/// </summary>
public sealed class SeatMapModel
{
    private readonly Dictionary<string, (long Version, char[] Seats)> _blocks = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public List<string> Gaps { get; } = [];

    public void Apply(SeatSnapshotDto snapshot)
    {
        lock (_lock)
        {
            if (!_blocks.TryGetValue(snapshot.BlockId, out var block) || snapshot.Version >= block.Version)
            {
                _blocks[snapshot.BlockId] = (snapshot.Version, snapshot.Seats.ToCharArray());
            }
        }
    }

    public void Apply(SeatDeltaDto delta)
    {
        lock (_lock)
        {
            if (!_blocks.TryGetValue(delta.BlockId, out var block))
            {
                // No base to apply it to (a delta from before the watcher asked for this block).
                return;
            }

            if (delta.Version <= block.Version)
            {
                return;
            }

            if (delta.Version != block.Version + 1)
            {
                Gaps.Add($"{delta.BlockId}: delta {delta.Version} after {block.Version}");
                return;
            }

            foreach (var seat in delta.Seats)
            {
                block.Seats[seat.Seat] = (char)('0' + seat.State);
            }

            _blocks[delta.BlockId] = (delta.Version, block.Seats);
        }
    }

    public Dictionary<string, long> Versions()
    {
        lock (_lock)
        {
            return _blocks.ToDictionary(kv => kv.Key, kv => kv.Value.Version);
        }
    }

    public (long Version, string Seats)? Block(string blockId)
    {
        lock (_lock)
        {
            return _blocks.TryGetValue(blockId, out var block) ? (block.Version, new string(block.Seats)) : null;
        }
    }
}
