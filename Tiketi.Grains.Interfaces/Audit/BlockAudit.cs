using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Audit;

/// <summary>How many holds, and how many seats (or places) in them.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.HoldTally")]
public sealed record HoldTally([property: Id(0)] long Holds, [property: Id(1)] long Seats)
{
    public static HoldTally Zero { get; } = new(0, 0);

    public HoldTally Add(HoldTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Holds + other.Holds, Seats + other.Seats);
    }
}

/// <summary>
/// What happened to holds, counted by the block that owns them when it happened. Every placed hold ends
/// at most once as expired, released (by the buyer, by an admin, or otherwise: the event's cancellation,
/// a failed checkout) or sold; a sold hold may later be returned by a refund.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.HoldCounts")]
public sealed record HoldCounts(
    [property: Id(0)] HoldTally Placed,
    [property: Id(1)] HoldTally Expired,
    [property: Id(2)] HoldTally ReleasedByBuyer,
    [property: Id(3)] HoldTally ReleasedByAdmin,
    [property: Id(4)] HoldTally ReleasedOther,
    [property: Id(5)] HoldTally Sold,
    [property: Id(6)] HoldTally Returned)
{
    public static HoldCounts Zero { get; } = new(HoldTally.Zero, HoldTally.Zero, HoldTally.Zero, HoldTally.Zero, HoldTally.Zero, HoldTally.Zero, HoldTally.Zero);

    /// <summary>Holds that became paid orders, as a share of holds placed; null before any hold.</summary>
    public double? Conversion => Placed.Holds == 0 ? null : (double)Sold.Holds / Placed.Holds;

    public HoldCounts Add(HoldCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Placed.Add(other.Placed), Expired.Add(other.Expired), ReleasedByBuyer.Add(other.ReleasedByBuyer),
            ReleasedByAdmin.Add(other.ReleasedByAdmin), ReleasedOther.Add(other.ReleasedOther), Sold.Add(other.Sold), Returned.Add(other.Returned));
    }
}

/// <summary>One price category inside one block: its counts now, its hold history, and when it ran out.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.CategoryAudit")]
public sealed record CategoryAudit(
    [property: Id(0)] string CategoryId,
    [property: Id(1)] InventoryCounts Now,
    [property: Id(2)] HoldCounts Holds,
    [property: Id(3)] DateTimeOffset? FirstNoneAvailableAt,
    [property: Id(4)] DateTimeOffset? SoldOutAt);

/// <summary>
/// The audit of one seat block. A hold with seats of two categories counts once in each, so category
/// hold counts may add up to more than the block's; seat counts always add up.
/// <see cref="CategoryAudit.FirstNoneAvailableAt"/> is the first time nothing was left to hold (all held
/// or sold); <see cref="CategoryAudit.SoldOutAt"/> is when every seat was sold, cleared again if a seat came back.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockAudit")]
public sealed record BlockAudit(
    [property: Id(0)] string EventId,
    [property: Id(1)] string BlockId,
    [property: Id(2)] HoldCounts Holds,
    [property: Id(3)] ImmutableArray<CategoryAudit> Categories);
