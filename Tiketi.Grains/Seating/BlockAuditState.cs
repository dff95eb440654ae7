namespace Tiketi.Seating;

/// <summary>
/// Audit counters of one block. Tallies are flat (holds, seats) pairs per <see cref="HoldEvent"/>, so a new
/// kind of event appends a slot; the journal writes the slots a batch changed.
/// </summary>
[GenerateSerializer, Alias("tiketi.BlockAuditState")]
public sealed class BlockAuditState
{
    public const int Slots = 2 * 7;

    [Id(0)] public long[] Tallies { get; set; } = new long[Slots];

    /// <summary>Per category index of the block.</summary>
    [Id(1)] public List<CategoryAuditState> Categories { get; set; } = [];
}
