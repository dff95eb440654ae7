using System.Collections.Immutable;

namespace Tiketi.Events;

public enum EventStatus
{
    Draft = 0,
    OnSale = 1,
    Closed = 2,
    Cancelled = 3,
}

/// <summary>An event as buyers and the sale engine see it.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.EventInfo")]
public sealed record EventInfo(
    [property: Id(0)] string EventId,
    [property: Id(1)] EventDefinition Definition,
    [property: Id(2)] EventStatus Status,
    [property: Id(3)] int Revision);

/// <summary>
/// Available, held and sold units (seats or general-admission places). <see cref="AccessibleAvailable"/> is the
/// part of <see cref="Available"/> sold only as wheelchair space + companion seat pairs, chosen on the map:
/// best available and the waitlist see <see cref="Available"/> less those (<see cref="OpenAvailable"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.InventoryCounts")]
public sealed record InventoryCounts(
    [property: Id(0)] int Available,
    [property: Id(1)] int Held,
    [property: Id(2)] int Sold,
    [property: Id(3)] int AccessibleAvailable = 0)
{
    public static InventoryCounts Zero { get; } = new(0, 0, 0);

    public int Capacity => Available + Held + Sold;

    /// <summary>Available seats anyone can be given: not wheelchair spaces or their companion seats.</summary>
    public int OpenAvailable => Available - AccessibleAvailable;

    public InventoryCounts Add(InventoryCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Available + other.Available, Held + other.Held, Sold + other.Sold, AccessibleAvailable + other.AccessibleAvailable);
    }
}

/// <summary>What one block reports to its event: counts per category, stamped with the block's version.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockCounts")]
public sealed record BlockCounts(
    [property: Id(0)] string BlockId,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableDictionary<string, InventoryCounts> ByCategory)
{
    public InventoryCounts Total => ByCategory.Values.Aggregate(InventoryCounts.Zero, (a, b) => a.Add(b));
}

/// <summary>The event's live figures, kept current by block reports rather than by reading every block.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.EventSummary")]
public sealed record EventSummary(
    [property: Id(0)] string EventId,
    [property: Id(1)] EventStatus Status,
    [property: Id(2)] InventoryCounts Total,
    [property: Id(3)] ImmutableDictionary<string, InventoryCounts> ByCategory,
    [property: Id(4)] ImmutableDictionary<string, InventoryCounts> ByBlock);
