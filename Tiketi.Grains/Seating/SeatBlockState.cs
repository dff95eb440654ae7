using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// One block in memory, as its journal rebuilds it (<see cref="BlockRecordCodec"/>). The journal holds the
/// layout, the allocations, whether the block is closed, the categories the waitlist wants, the audit counters
/// and the version; <see cref="Seats"/> and <see cref="AreaCapacity"/> follow from those, and
/// <see cref="SeatInventory"/> derives them when it takes the state over.
/// </summary>
public sealed class SeatBlockState
{
    public BlockDefinition? Definition { get; set; }

    public List<string> CategoryIds { get; set; } = [];

    /// <summary>One <see cref="SeatStatus"/> byte per seat, in row order (reserved seating only).</summary>
    public byte[] Seats { get; set; } = [];

    /// <summary>Capacity per category index (general admission only).</summary>
    public int[] AreaCapacity { get; set; } = [];

    /// <summary>Holds and sales by hold id (the order id).</summary>
    public Dictionary<string, Allocation> Allocations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>One more per journal record; seat deltas carry it, so watchers see a gap.</summary>
    public long Version { get; set; }

    /// <summary>Set when the event is cancelled: nothing more can be held.</summary>
    public bool Closed { get; set; }

    /// <summary>Categories the waitlist waits for: seats of these that come free are reserved for it (issue #10).</summary>
    public HashSet<string> WaitlistCategories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>On-sale audit counters; null until the first hold event is counted.</summary>
    public BlockAuditState? Audit { get; set; }
}
