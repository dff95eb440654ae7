using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// One block in memory, as its journal rebuilds it (<see cref="BlockRecordCodec"/>). The journal holds the
/// layout, the allocations, whether the block is closed, the categories the waitlist wants, the audit counters
/// and the version; <see cref="Seats"/> and <see cref="AreaCapacity"/> follow from those, and
/// <see cref="SeatInventory"/> derives them when it takes the state over. The Orleans attributes (and ids)
/// are those of the grain-state row blocks were kept in before the journal (<see cref="LegacyBlockRow"/>).
/// </summary>
[GenerateSerializer, Alias("tiketi.SeatBlockState")]
public sealed class SeatBlockState
{
    [Id(0)] public BlockDefinition? Definition { get; set; }

    [Id(1)] public List<string> CategoryIds { get; set; } = [];

    /// <summary>One <see cref="SeatStatus"/> byte per seat, in row order (reserved seating only).</summary>
    [Id(2)] public byte[] Seats { get; set; } = [];

    /// <summary>Capacity per category index (general admission only).</summary>
    [Id(3)] public int[] AreaCapacity { get; set; } = [];

    /// <summary>Holds and sales by hold id (the order id).</summary>
    [Id(4)] public Dictionary<string, Allocation> Allocations { get; set; } = [];

    /// <summary>One more per journal record; seat deltas carry it, so watchers see a gap.</summary>
    [Id(5)] public long Version { get; set; }

    /// <summary>Set when the event is cancelled: nothing more can be held.</summary>
    [Id(6)] public bool Closed { get; set; }

    /// <summary>Categories the waitlist waits for: seats of these that come free are reserved for it (issue #10).</summary>
    [Id(30)] public HashSet<string> WaitlistCategories { get; set; } = [];

    /// <summary>On-sale audit counters; null until the first hold event is counted.</summary>
    [Id(40)] public BlockAuditState? Audit { get; set; }
}
