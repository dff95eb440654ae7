using System.ComponentModel.DataAnnotations;

namespace Tiketi.Api.Admin;

/// <summary>
/// What an operator sends to create or update an event: details, prices and a layout to generate.
/// <see cref="QueueMode"/> lottery opens a pre-queue <see cref="PreQueueMinutes"/> before the sale.
/// <see cref="TimeZone"/> is the venue's IANA zone (default Asia/Seoul); <see cref="Currency"/> is the one
/// currency of every price (a category naming another is refused).
/// </summary>
public sealed record EventDraftBody(
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required, StringLength(200, MinimumLength = 1)] string Artist,
    [property: Required, StringLength(200, MinimumLength = 1)] string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset SaleOpensAt,
    DateTimeOffset SaleClosesAt,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<CategoryBody> Categories,
    [property: Required] LayoutBody Layout,
    [property: Range(1, 20)] int PerBuyerLimit = 4,
    [property: Range(1, 30)] int HoldMinutes = 7,
    bool QueueEnabled = true,
    Tiketi.Queue.QueueMode QueueMode = Tiketi.Queue.QueueMode.Fifo,
    [property: Range(1, 1_440)] int PreQueueMinutes = 30,
    [property: StringLength(64, MinimumLength = 1)] string? TimeZone = null,
    [property: StringLength(3, MinimumLength = 3)] string? Currency = null,
    [property: StringLength(4_000)] string? Description = null,
    [property: StringLength(500)] string? PosterUrl = null,
    [property: StringLength(3)] string? AgeRating = null,
    [property: Range(1, 1_440)] int? RunningMinutes = null);

public sealed record CategoryBody(
    [property: Required, StringLength(64, MinimumLength = 1)] string Id,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(0, 100_000_000)] long Price,
    [property: StringLength(3, MinimumLength = 3)] string? Currency = null);

/// <summary>
/// The venue: reserved sections of rows × seats, and general-admission areas. Lists of records are
/// IReadOnlyList, not arrays: ASP.NET Core's validation generator finds the element type of a list and
/// checks each item's attributes, but skips arrays' (a section of 101 rows went through as an array).
/// </summary>
public sealed record LayoutBody(
    [property: MaxLength(200)] IReadOnlyList<SectionBody>? Sections,
    [property: MaxLength(50)] IReadOnlyList<AreaBody>? Areas);

/// <summary>
/// A reserved section of <see cref="Rows"/> rows of <see cref="SeatsPerRow"/> seats. Rows are lettered
/// A, B, ... from the stage. Either one category for all, or bands of rows (front rows first). Seat-level
/// edits: an aisle after each seat number in <see cref="AislesAfter"/> in every row, <see cref="BlockedSeats"/>
/// never sold ("C-5"), and <see cref="Wheelchairs"/>, each space with the companion seat beside it, sold together.
/// </summary>
public sealed record SectionBody(
    [property: Required, StringLength(64, MinimumLength = 1)] string Id,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Range(1, 100)] int Rows,
    [property: Range(1, 100)] int SeatsPerRow,
    [property: StringLength(64)] string? CategoryId,
    [property: MaxLength(20)] IReadOnlyList<RowBandBody>? Bands,
    Tiketi.Events.VenueArea? Position = null,
    [property: MaxLength(SectionBody.MaxAisles)] int[]? AislesAfter = null,
    [property: MaxLength(SectionBody.MaxBlockedSeats)] string[]? BlockedSeats = null,
    [property: MaxLength(SectionBody.MaxWheelchairs)] IReadOnlyList<WheelchairBody>? Wheelchairs = null)
{
    public const int MaxAisles = 20;
    public const int MaxBlockedSeats = 1_000;
    public const int MaxWheelchairs = 200;
}

/// <summary>A wheelchair space and the companion seat right beside it, by seat id ("H-1", "H-2").</summary>
public sealed record WheelchairBody(
    [property: Required, StringLength(16, MinimumLength = 3)] string Seat,
    [property: Required, StringLength(16, MinimumLength = 3)] string Companion);

public sealed record RowBandBody([property: Range(1, 100)] int Rows, [property: Required, StringLength(64)] string CategoryId);

public sealed record AreaBody(
    [property: Required, StringLength(64, MinimumLength = 1)] string Id,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, StringLength(64)] string CategoryId,
    [property: Range(1, 5_000)] int Capacity,
    Tiketi.Events.VenueArea? Position = null);

/// <summary>Live queue controls; <see cref="SilenceSeconds"/> (60-7,200) is how long a waiting buyer may go unseen.</summary>
public sealed record QueueControlBody(
    [property: Range(0.01, 10_000)] double AdmissionsPerSecond,
    [property: Range(1, 1_000_000)] int MaxActiveShoppers,
    [property: Range(0, Tiketi.Queue.QueueSettings.MaxProofOfWorkBits)] int? ProofOfWorkBits = null,
    [property: Range(60, 7_200)] int? SilenceSeconds = null);
