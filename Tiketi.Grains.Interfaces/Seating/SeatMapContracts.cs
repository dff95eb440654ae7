using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>A seat whose state changed; <see cref="Seat"/> indexes the block's rows, nearest the stage first.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.SeatChange")]
public sealed record SeatChange([property: Id(0)] int Seat, [property: Id(1)] SeatStatus State);

public enum SeatStatus : byte
{
    Available = 0,
    Held = 1,
    Sold = 2,

    /// <summary>Never for sale (a blocked seat): it keeps its number on the map and never changes.</summary>
    Blocked = 3,
}

/// <summary>
/// One versioned change set of a block. Versions increase by one per delta, so a watcher that sees
/// a gap knows it missed something and fetches a snapshot. States are absolute, so replaying a
/// delta already reflected in a snapshot is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.SeatDelta")]
public sealed record SeatDelta(
    [property: Id(0)] string EventId,
    [property: Id(1)] string BlockId,
    [property: Id(2)] long Version,
    [property: Id(3)] ImmutableArray<SeatChange> Seats,
    [property: Id(4)] ImmutableDictionary<string, InventoryCounts> Counts);

/// <summary>
/// The whole block at <see cref="Version"/>: one status byte per seat in row order (reserved seating),
/// counts per category (both kinds). Apply deltas with a higher version on top.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.SeatMapSnapshot")]
public sealed record SeatMapSnapshot(
    [property: Id(0)] string EventId,
    [property: Id(1)] string BlockId,
    [property: Id(2)] long Version,
    [property: Id(3)] ImmutableArray<byte> Seats,
    [property: Id(4)] ImmutableDictionary<string, InventoryCounts> Counts);
