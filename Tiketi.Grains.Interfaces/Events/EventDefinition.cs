using System.Collections.Immutable;
using Tiketi.Queue;

namespace Tiketi.Events;

/// <summary>
/// Everything an organiser defines about an event. Times carry their offset. With
/// <see cref="QueueMode.Lottery"/>, buyers arriving from <see cref="EffectivePreQueueWindow"/> before the
/// sale opens get a random place at the opening; <see cref="PreQueueWindow"/> is ignored in FIFO mode.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.EventDefinition")]
public sealed record EventDefinition(
    [property: Id(0)] string Title,
    [property: Id(1)] string Artist,
    [property: Id(2)] string Venue,
    [property: Id(3)] DateTimeOffset StartsAt,
    [property: Id(4)] DateTimeOffset SaleOpensAt,
    [property: Id(5)] DateTimeOffset SaleClosesAt,
    [property: Id(6)] ImmutableArray<PriceCategory> Categories,
    [property: Id(7)] ImmutableArray<BlockDefinition> Blocks,
    [property: Id(8)] int PerBuyerLimit = 4,
    [property: Id(9)] TimeSpan? HoldDuration = null,
    [property: Id(10)] bool QueueEnabled = true,
    [property: Id(11)] QueueMode QueueMode = QueueMode.Fifo,
    [property: Id(12)] TimeSpan? PreQueueWindow = null)
{
    public static readonly TimeSpan DefaultHoldDuration = TimeSpan.FromMinutes(7);

    /// <summary>Half an hour, as the big Korean ticketing sites open their waiting rooms.</summary>
    public static readonly TimeSpan DefaultPreQueueWindow = TimeSpan.FromMinutes(30);

    /// <summary>A window shorter than a minute is no lottery; longer than a day keeps tabs open for nothing.</summary>
    public static readonly TimeSpan MinPreQueueWindow = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxPreQueueWindow = TimeSpan.FromHours(24);

    public TimeSpan EffectivePreQueueWindow => PreQueueWindow ?? DefaultPreQueueWindow;

    /// <summary>What the event's waiting queue must know about the opening.</summary>
    public QueueSchedule QueueSchedule => new(QueueMode, SaleOpensAt - EffectivePreQueueWindow, SaleOpensAt);

    public TimeSpan EffectiveHoldDuration => HoldDuration ?? DefaultHoldDuration;
}

/// <summary>A price category; money is an integer amount in minor units plus a currency code.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.PriceCategory")]
public sealed record PriceCategory(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long Price,
    [property: Id(3)] string Currency = "KRW");

public enum BlockKind
{
    Reserved = 0,
    GeneralAdmission = 1,
}

/// <summary>
/// One block of inventory: reserved rows of numbered seats, or a general-admission area with a
/// capacity per category. Rows are listed nearest the stage first.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockDefinition")]
public sealed record BlockDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] BlockKind Kind,
    [property: Id(3)] ImmutableArray<RowDefinition> Rows,
    [property: Id(4)] ImmutableArray<AreaCapacity> Capacities)
{
    public int Capacity => Kind == BlockKind.Reserved
        ? Rows.Sum(r => r.SeatCount)
        : Capacities.Sum(c => c.Capacity);

    public static BlockDefinition Reserved(string id, string name, params RowDefinition[] rows) =>
        new(id, name, BlockKind.Reserved, [.. rows], []);

    public static BlockDefinition GeneralAdmission(string id, string name, params AreaCapacity[] capacities) =>
        new(id, name, BlockKind.GeneralAdmission, [], [.. capacities]);
}

/// <summary>A row of seats numbered 1..n left to right, in runs of one category each.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.RowDefinition")]
public sealed record RowDefinition(
    [property: Id(0)] string Label,
    [property: Id(1)] ImmutableArray<SeatRun> Runs)
{
    public int SeatCount => Runs.Sum(r => r.Count);

    public static RowDefinition Of(string label, int seats, string categoryId) =>
        new(label, [new SeatRun(seats, categoryId)]);
}

[GenerateSerializer, Immutable, Alias("tiketi.SeatRun")]
public sealed record SeatRun([property: Id(0)] int Count, [property: Id(1)] string CategoryId);

[GenerateSerializer, Immutable, Alias("tiketi.AreaCapacity")]
public sealed record AreaCapacity([property: Id(0)] string CategoryId, [property: Id(1)] int Capacity);
