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
    [property: Id(12)] TimeSpan? PreQueueWindow = null,
    [property: Id(13)] string? TimeZone = null,
    [property: Id(14)] EventDetails? Details = null,
    ImmutableArray<BlockPlacement> Placements = default)
{
    // The serialized field (id 15 as before), read through the property below, which never hands out a default array.
    [Id(15)]
    private readonly ImmutableArray<BlockPlacement> _placements = Placements;

    /// <summary>
    /// Where blocks lie on the venue overview: empty when the operator placed none, never a default array
    /// (an event stored before placements existed, or defined without them, reads as empty).
    /// </summary>
    public ImmutableArray<BlockPlacement> Placements
    {
        get => _placements.IsDefault ? [] : _placements;
        init => _placements = value;
    }

    /// <summary>Where most TIKETI shows happen; an event without a zone is taken to be there.</summary>
    public const string DefaultTimeZone = "Asia/Seoul";

    /// <summary>The venue's IANA time zone: show and sale times are shown in it, with its label.</summary>
    public string EffectiveTimeZone => TimeZone ?? DefaultTimeZone;

    public EventDetails EffectiveDetails => Details ?? EventDetails.None;

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
        ? Rows.Sum(r => r.SellableCount)
        : Capacities.Sum(c => c.Capacity);

    public static BlockDefinition Reserved(string id, string name, params RowDefinition[] rows) =>
        new(id, name, BlockKind.Reserved, [.. rows], []);

    public static BlockDefinition GeneralAdmission(string id, string name, params AreaCapacity[] capacities) =>
        new(id, name, BlockKind.GeneralAdmission, [], [.. capacities]);
}

/// <summary>
/// A row of seats numbered 1..n left to right, in runs of one category each; <see cref="Marks"/> says which
/// seats are not for sale, which are wheelchair spaces with their companion seat, and where aisles cut the row.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.RowDefinition")]
public sealed record RowDefinition(
    [property: Id(0)] string Label,
    [property: Id(1)] ImmutableArray<SeatRun> Runs,
    [property: Id(2)] SeatMarks? Marks = null)
{
    public int SeatCount => Runs.Sum(r => r.Count);

    /// <summary>Seats that can be sold: every seat but the blocked ones.</summary>
    public int SellableCount => SeatCount - (Marks is { Blocked.IsDefault: false } marks ? marks.Blocked.Length : 0);

    public SeatMarks EffectiveMarks => Marks ?? SeatMarks.None;

    public static RowDefinition Of(string label, int seats, string categoryId) =>
        new(label, [new SeatRun(seats, categoryId)]);
}

/// <summary>
/// Seat-level marks of one row, by seat number (1-based): an aisle follows each seat in
/// <see cref="AislesAfter"/>; <see cref="Blocked"/> seats keep their numbers but are never sold (a camera
/// platform, a sight-line kill); each <see cref="WheelchairSpace"/> is sold only together with its companion.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.SeatMarks")]
public sealed record SeatMarks(
    [property: Id(0)] ImmutableArray<int> AislesAfter,
    [property: Id(1)] ImmutableArray<int> Blocked,
    [property: Id(2)] ImmutableArray<WheelchairSpace> Wheelchairs)
{
    public static SeatMarks None { get; } = new([], [], []);

    public bool IsEmpty => AislesAfter.IsDefaultOrEmpty && Blocked.IsDefaultOrEmpty && Wheelchairs.IsDefaultOrEmpty;
}

/// <summary>A wheelchair space and the companion seat beside it (seat numbers in the same row), sold as a pair.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WheelchairSpace")]
public sealed record WheelchairSpace([property: Id(0)] int Seat, [property: Id(1)] int Companion);

[GenerateSerializer, Immutable, Alias("tiketi.SeatRun")]
public sealed record SeatRun([property: Id(0)] int Count, [property: Id(1)] string CategoryId);

[GenerateSerializer, Immutable, Alias("tiketi.AreaCapacity")]
public sealed record AreaCapacity([property: Id(0)] string CategoryId, [property: Id(1)] int Capacity);

/// <summary>
/// What a buyer reads about the show besides its time and place: a description, a poster (an https URL or
/// a path on this site), the age rating (Korean ratings: all, 7, 12, 15, 19) and the running time.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.EventDetails")]
public sealed record EventDetails(
    [property: Id(0)] string? Description = null,
    [property: Id(1)] string? PosterUrl = null,
    [property: Id(2)] string? AgeRating = null,
    [property: Id(3)] int? RunningMinutes = null)
{
    public const int MaxDescriptionLength = 4_000;
    public const int MaxPosterUrlLength = 500;
    public const int MaxRunningMinutes = 1_440;

    public static readonly IReadOnlyList<string> AgeRatings = ["all", "7", "12", "15", "19"];

    public static EventDetails None { get; } = new();
}

/// <summary>Where a block lies in the venue, seen from above with the stage at the top.</summary>
public enum VenueArea
{
    Floor = 0,
    FrontLeft = 1,
    FrontRight = 2,
    Left = 3,
    Right = 4,
    BackLeft = 5,
    Back = 6,
    BackRight = 7,
}

/// <summary>
/// A block's place on the venue overview: the area around the stage it is in, and its order among the
/// blocks of that area (left to right, or front to back on the sides).
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockPlacement")]
public sealed record BlockPlacement(
    [property: Id(0)] string BlockId,
    [property: Id(1)] VenueArea Area,
    [property: Id(2)] int Order = 0);
