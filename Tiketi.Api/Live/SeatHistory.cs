using Tiketi.Seating;

namespace Tiketi.Api.Live;

/// <summary>How an arriving delta fits what this host relayed before for its block.</summary>
public enum DeltaFit
{
    /// <summary>The next version (or the first one seen): relay it.</summary>
    Next = 0,

    /// <summary>Already relayed, or older than a snapshot already sent: drop it.</summary>
    Duplicate = 1,

    /// <summary>Versions are missing: watchers need a snapshot of the block.</summary>
    Gap = 2,
}

/// <summary>
/// The last deltas this host relayed for each block of one event, so that a watcher coming back after
/// a short drop receives what it missed rather than whole snapshots. Each block keeps an unbroken run
/// of versions ending at the newest one relayed. Not thread-safe: the event's feed serializes access.
/// </summary>
public sealed class SeatHistory(int keptPerBlock)
{
    private readonly Dictionary<string, Run> _blocks = new(StringComparer.Ordinal);

    public DeltaFit Append(SeatDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (!_blocks.TryGetValue(delta.BlockId, out var run))
        {
            _blocks[delta.BlockId] = run = new Run();
        }
        else if (delta.Version <= run.Last)
        {
            return DeltaFit.Duplicate;
        }
        else if (delta.Version != run.Last + 1)
        {
            run.Deltas.Clear();
            run.Last = delta.Version;
            return DeltaFit.Gap;
        }

        if (run.Deltas.Count == keptPerBlock)
        {
            run.Deltas.Dequeue();
        }

        run.Deltas.Enqueue(delta);
        run.Last = delta.Version;
        return DeltaFit.Next;
    }

    /// <summary>Watchers were just sent the block at <paramref name="version"/>: later deltas start a new run.</summary>
    public void Reset(string blockId, long version)
    {
        if (!_blocks.TryGetValue(blockId, out var run))
        {
            _blocks[blockId] = run = new Run();
        }

        run.Deltas.Clear();
        run.Last = Math.Max(run.Last, version);
    }

    /// <summary>
    /// The deltas after <paramref name="version"/>, or null when this host no longer has all of them and
    /// the watcher needs a snapshot. Empty when the watcher is as new as anything relayed here.
    /// </summary>
    public IReadOnlyList<SeatDelta>? Since(string blockId, long version)
    {
        if (!_blocks.TryGetValue(blockId, out var run))
        {
            return null;
        }

        if (version >= run.Last)
        {
            return [];
        }

        return run.Deltas.TryPeek(out var first) && first.Version <= version + 1
            ? [.. run.Deltas.Where(d => d.Version > version)]
            : null;
    }

    private sealed class Run
    {
        public Queue<SeatDelta> Deltas { get; } = new();

        public long Last { get; set; } = long.MinValue;
    }
}
