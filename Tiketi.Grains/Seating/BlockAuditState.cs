namespace Tiketi.Seating;

/// <summary>The kinds of hold event a block counts, in the order of <see cref="Audit.HoldCounts"/>.</summary>
public enum HoldEvent
{
    Placed = 0,
    Expired = 1,
    ReleasedByBuyer = 2,
    ReleasedByAdmin = 3,
    ReleasedOther = 4,
    Sold = 5,
    Returned = 6,
}

/// <summary>
/// Persisted audit counters of one block. Tallies are flat (holds, seats) pairs per <see cref="HoldEvent"/>,
/// so a new kind of event appends without changing stored ids.
/// </summary>
[GenerateSerializer, Alias("tiketi.BlockAuditState")]
public sealed class BlockAuditState
{
    public const int Slots = 2 * 7;

    [Id(0)] public long[] Tallies { get; set; } = new long[Slots];

    /// <summary>Per category index of the block.</summary>
    [Id(1)] public List<CategoryAuditState> Categories { get; set; } = [];
}

[GenerateSerializer, Alias("tiketi.CategoryAuditState")]
public sealed class CategoryAuditState
{
    [Id(0)] public long[] Tallies { get; set; } = new long[BlockAuditState.Slots];

    [Id(1)] public DateTimeOffset? FirstNoneAvailableAt { get; set; }

    [Id(2)] public DateTimeOffset? SoldOutAt { get; set; }
}
