using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Events;

public sealed record EventListItem(string EventId, string Title, string Artist, string Venue, DateTimeOffset StartsAt, DateTimeOffset SaleOpensAt, EventStatus Status);

public sealed record EventListPage(IReadOnlyList<EventListItem> Items, int Total, int Page, int PageSize);

public sealed record CategoryDto(string Id, string Name, long Price, string Currency);

public sealed record SeatRunDto(int Count, string CategoryId);

public sealed record RowDto(string Label, IReadOnlyList<SeatRunDto> Runs);

public sealed record AreaDto(string CategoryId, int Capacity);

public sealed record BlockDto(string Id, string Name, BlockKind Kind, IReadOnlyList<RowDto> Rows, IReadOnlyList<AreaDto> Areas);

public sealed record CountsDto(int Available, int Held, int Sold);

/// <summary>An event with its layout: enough for a browser to draw the seat map.</summary>
public sealed record EventDetail(
    string EventId, string Title, string Artist, string Venue,
    DateTimeOffset StartsAt, DateTimeOffset SaleOpensAt, DateTimeOffset SaleClosesAt, EventStatus Status,
    int PerBuyerLimit, int HoldSeconds, bool QueueEnabled,
    IReadOnlyList<CategoryDto> Categories, IReadOnlyList<BlockDto> Blocks,
    CountsDto? Availability, IReadOnlyDictionary<string, CountsDto>? AvailabilityByCategory,
    Tiketi.Queue.QueueMode QueueMode = Tiketi.Queue.QueueMode.Fifo, DateTimeOffset? PreQueueOpensAt = null);

/// <summary>One block's seats at a version: one digit per seat in row order (0 available, 1 held, 2 sold).</summary>
public sealed record BlockSeatsDto(string BlockId, long Version, string Seats, IReadOnlyDictionary<string, CountsDto> Counts);

public sealed record SeatMapDto(string EventId, IReadOnlyList<BlockSeatsDto> Blocks);

public static class EventMapping
{
    public static EventListItem ToDto(this EventListing e) => new(e.EventId, e.Title, e.Artist, e.Venue, e.StartsAt, e.SaleOpensAt, e.Status);

    public static CountsDto ToDto(this InventoryCounts c) => new(c.Available, c.Held, c.Sold);

    public static EventDetail ToDetail(this EventInfo info, EventSummary? summary)
    {
        ArgumentNullException.ThrowIfNull(info);
        var d = info.Definition;
        return new EventDetail(
            info.EventId, d.Title, d.Artist, d.Venue, d.StartsAt, d.SaleOpensAt, d.SaleClosesAt, info.Status,
            d.PerBuyerLimit, (int)d.EffectiveHoldDuration.TotalSeconds, d.QueueEnabled,
            [.. d.Categories.Select(c => new CategoryDto(c.Id, c.Name, c.Price, c.Currency))],
            [.. d.Blocks.Select(b => new BlockDto(b.Id, b.Name, b.Kind,
                [.. (b.Rows.IsDefault ? [] : b.Rows).Select(r => new RowDto(r.Label, [.. r.Runs.Select(x => new SeatRunDto(x.Count, x.CategoryId))]))],
                [.. (b.Capacities.IsDefault ? [] : b.Capacities).Select(a => new AreaDto(a.CategoryId, a.Capacity))]))],
            summary?.Total.ToDto(),
            summary?.ByCategory.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToDto(), StringComparer.Ordinal),
            d.QueueMode, d.QueueEnabled && d.QueueMode == Tiketi.Queue.QueueMode.Lottery ? d.QueueSchedule.PreQueueOpensAt : null);
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
