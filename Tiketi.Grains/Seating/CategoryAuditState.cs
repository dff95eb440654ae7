namespace Tiketi.Seating;

/// <summary>The audit counters of one category of a block, and when it ran out.</summary>
[GenerateSerializer, Alias("tiketi.CategoryAuditState")]
public sealed class CategoryAuditState
{
    [Id(0)] public long[] Tallies { get; set; } = new long[BlockAuditState.Slots];

    [Id(1)] public DateTimeOffset? FirstNoneAvailableAt { get; set; }

    [Id(2)] public DateTimeOffset? SoldOutAt { get; set; }
}
