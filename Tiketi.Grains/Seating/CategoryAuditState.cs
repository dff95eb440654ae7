namespace Tiketi.Seating;

/// <summary>The audit counters of one category of a block, and when it ran out.</summary>
public sealed class CategoryAuditState
{
    public long[] Tallies { get; set; } = new long[BlockAuditState.Slots];

    public DateTimeOffset? FirstNoneAvailableAt { get; set; }

    public DateTimeOffset? SoldOutAt { get; set; }
}
