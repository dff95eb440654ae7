using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Events;

/// <summary>An event in the list; times in the venue's <see cref="TimeZone"/>, sold out as the event page says it.</summary>
public sealed record EventListItem(
    string EventId, string Title, string Artist, string Venue, DateTimeOffset StartsAt, DateTimeOffset SaleOpensAt, EventStatus Status,
    string TimeZone, bool SoldOut);

public sealed record EventListPage(IReadOnlyList<EventListItem> Items, int Total, int Page, int PageSize);

public sealed record CategoryDto(string Id, string Name, long Price, string Currency);

public sealed record SeatRunDto(int Count, string CategoryId);

/// <summary>A row; seat numbers (1-based) in <see cref="AislesAfter"/> are followed by an aisle, <see cref="Blocked"/> ones are not for sale.</summary>
public sealed record RowDto(string Label, IReadOnlyList<SeatRunDto> Runs, IReadOnlyList<int> AislesAfter, IReadOnlyList<int> Blocked, IReadOnlyList<WheelchairDto> Wheelchairs);

/// <summary>A wheelchair space and its companion seat (seat numbers in the row), sold together.</summary>
public sealed record WheelchairDto(int Seat, int Companion);

public sealed record AreaDto(string CategoryId, int Capacity);

/// <summary>A block with its place on the venue overview (<see cref="Position"/>: area around the stage and order in it; null when the operator gave none).</summary>
public sealed record BlockDto(string Id, string Name, BlockKind Kind, IReadOnlyList<RowDto> Rows, IReadOnlyList<AreaDto> Areas, PositionDto? Position = null);

public sealed record PositionDto(VenueArea Area, int Order);

/// <summary>Counts of a category; <see cref="AccessibleAvailable"/>: of the available, the wheelchair spaces and companion seats (sold as pairs, on the map).</summary>
public sealed record CountsDto(int Available, int Held, int Sold, int AccessibleAvailable = 0);

/// <summary>
/// An event with its layout: enough for a browser to draw the seat map. Times carry the offset of the
/// venue's <see cref="TimeZone"/> (an IANA id). <see cref="SoldOut"/>: nothing available and nothing held,
/// the one rule the list, this page and the queue share; <see cref="Currency"/>: the one currency of every price.
/// </summary>
public sealed record EventDetail(
    string EventId, string Title, string Artist, string Venue,
    DateTimeOffset StartsAt, DateTimeOffset SaleOpensAt, DateTimeOffset SaleClosesAt, EventStatus Status,
    int PerBuyerLimit, int HoldSeconds, bool QueueEnabled,
    IReadOnlyList<CategoryDto> Categories, IReadOnlyList<BlockDto> Blocks,
    CountsDto? Availability, IReadOnlyDictionary<string, CountsDto>? AvailabilityByCategory,
    Tiketi.Queue.QueueMode QueueMode = Tiketi.Queue.QueueMode.Fifo, DateTimeOffset? PreQueueOpensAt = null,
    string TimeZone = EventDefinition.DefaultTimeZone, bool SoldOut = false, string Currency = "KRW",
    string? Description = null, string? PosterUrl = null, string? AgeRating = null, int? RunningMinutes = null);

/// <summary>One block's seats at a version: one digit per seat in row order (0 available, 1 held, 2 sold, 3 not for sale).</summary>
public sealed record BlockSeatsDto(string BlockId, long Version, string Seats, IReadOnlyDictionary<string, CountsDto> Counts);

public sealed record SeatMapDto(string EventId, IReadOnlyList<BlockSeatsDto> Blocks);

public static class EventMapping
{
    public static EventListItem ToDto(this EventListing e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var zone = e.TimeZone ?? EventDefinition.DefaultTimeZone;
        return new(e.EventId, e.Title, e.Artist, e.Venue, InZone(e.StartsAt, zone), InZone(e.SaleOpensAt, zone), e.Status, zone, e.SoldOut);
    }

    /// <summary>The same instant with the zone's offset there and then (+09:00 in Seoul), so the JSON reads as the venue's clock.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(instant, zone) : instant;

    /// <summary>Sold out: nothing available and nothing held that could come back (as the event grain tells the queue).</summary>
    public static bool IsSoldOut(EventStatus status, InventoryCounts? total) =>
        status == EventStatus.OnSale && total is { Available: 0, Held: 0 } && total.Sold > 0;

    public static CountsDto ToDto(this InventoryCounts c) => new(c.Available, c.Held, c.Sold, c.AccessibleAvailable);

    public static EventDetail ToDetail(this EventInfo info, EventSummary? summary)
    {
        ArgumentNullException.ThrowIfNull(info);
        var d = info.Definition;
        var zone = d.EffectiveTimeZone;
        var details = d.EffectiveDetails;
        var placements = d.Placements.ToDictionary(p => p.BlockId, StringComparer.Ordinal);
        return new EventDetail(
            info.EventId, d.Title, d.Artist, d.Venue, InZone(d.StartsAt, zone), InZone(d.SaleOpensAt, zone), InZone(d.SaleClosesAt, zone), info.Status,
            d.PerBuyerLimit, (int)d.EffectiveHoldDuration.TotalSeconds, d.QueueEnabled,
            [.. d.Categories.Select(c => new CategoryDto(c.Id, c.Name, c.Price, c.Currency))],
            [.. d.Blocks.Select(b => new BlockDto(b.Id, b.Name, b.Kind,
                [.. (b.Rows.IsDefault ? [] : b.Rows).Select(ToDto)],
                [.. (b.Capacities.IsDefault ? [] : b.Capacities).Select(a => new AreaDto(a.CategoryId, a.Capacity))],
                placements.TryGetValue(b.Id, out var p) ? new PositionDto(p.Area, p.Order) : null))],
            summary?.Total.ToDto(),
            summary?.ByCategory.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToDto(), StringComparer.Ordinal),
            d.QueueMode, d.QueueEnabled && d.QueueMode == Tiketi.Queue.QueueMode.Lottery ? InZone(d.QueueSchedule.PreQueueOpensAt, zone) : null,
            zone, IsSoldOut(info.Status, summary?.Total), d.Categories.IsDefaultOrEmpty ? "KRW" : d.Categories[0].Currency,
            details.Description, details.PosterUrl, details.AgeRating, details.RunningMinutes);
    }

    public static RowDto ToDto(this RowDefinition row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var marks = row.EffectiveMarks;
        return new(row.Label, [.. row.Runs.Select(x => new SeatRunDto(x.Count, x.CategoryId))],
            marks.AislesAfter.IsDefault ? [] : marks.AislesAfter,
            marks.Blocked.IsDefault ? [] : marks.Blocked,
            marks.Wheelchairs.IsDefault ? [] : [.. marks.Wheelchairs.Select(w => new WheelchairDto(w.Seat, w.Companion))]);
    }

    public static BlockSeatsDto ToDto(this SeatMapSnapshot s) => new(
        s.BlockId, s.Version, string.Create(s.Seats.Length, s.Seats, (span, seats) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + seats[i]);
            }
        }),
        s.Counts.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToDto(), StringComparer.Ordinal));
}
