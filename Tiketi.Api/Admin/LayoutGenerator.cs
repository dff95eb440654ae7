using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Api.Admin;

/// <summary>Turns an operator's sections × rows × seats into block definitions.</summary>
public static class LayoutGenerator
{
    public static (EventDefinition? Definition, string? Field, string? Error) Build(EventDraftBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var currency = (body.Currency ?? (body.Categories.Count > 0 ? body.Categories[0].Currency : null) ?? "KRW").ToUpperInvariant();
        if (body.Categories.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Currency is { } own && !own.Equals(currency, StringComparison.OrdinalIgnoreCase)) is { c: not null } other)
        {
            return (null, $"categories[{other.i}].currency", $"Every price of an event is in one currency ({currency}).");
        }

        if (body.TimeZone is { } zone && !EventRules.IsIanaTimeZone(zone.Trim()))
        {
            return (null, "timeZone", $"'{zone}' is not an IANA time zone id such as {EventDefinition.DefaultTimeZone}.");
        }

        if (!string.IsNullOrWhiteSpace(body.AgeRating) && !EventDetails.AgeRatings.Contains(body.AgeRating.Trim()))
        {
            return (null, "ageRating", $"The age rating is one of {string.Join(", ", EventDetails.AgeRatings)}.");
        }

        var placements = ImmutableArray.CreateBuilder<BlockPlacement>();
        var blocks = ImmutableArray.CreateBuilder<BlockDefinition>();
        foreach (var (section, i) in (body.Layout.Sections ?? []).Select((s, i) => (s, i)))
        {
            IReadOnlyList<RowBandBody> bands = section.Bands is { Count: > 0 } ? section.Bands : section.CategoryId is { } c ? [new RowBandBody(section.Rows, c)] : [];
            if (bands.Sum(b => b.Rows) != section.Rows)
            {
                return (null, $"layout.sections[{i}].bands", "Give a categoryId, or bands whose rows add up to the section's rows.");
            }

            var rowCategories = bands.SelectMany(b => Enumerable.Repeat(b.CategoryId, b.Rows)).ToList();
            var (marks, markField, markError) = SeatMarksBuilder.Build(section, $"layout.sections[{i}]");
            if (markError is not null)
            {
                return (null, markField, markError);
            }

            blocks.Add(new BlockDefinition(section.Id, section.Name, BlockKind.Reserved,
                [.. rowCategories.Select((category, r) => new RowDefinition(RowLabel(r), [new SeatRun(section.SeatsPerRow, category)], marks![r]))], []));
            if (section.Position is { } position)
            {
                placements.Add(new BlockPlacement(section.Id, position, placements.Count(p => p.Area == position)));
            }
        }

        foreach (var area in body.Layout.Areas ?? [])
        {
            blocks.Add(BlockDefinition.GeneralAdmission(area.Id, area.Name, new AreaCapacity(area.CategoryId, area.Capacity)));
            placements.Add(new BlockPlacement(area.Id, area.Position ?? VenueArea.Floor, placements.Count(p => p.Area == (area.Position ?? VenueArea.Floor))));
        }

        var details = new EventDetails(
            string.IsNullOrWhiteSpace(body.Description) ? null : body.Description.Trim(),
            string.IsNullOrWhiteSpace(body.PosterUrl) ? null : body.PosterUrl.Trim(),
            string.IsNullOrWhiteSpace(body.AgeRating) ? null : body.AgeRating.Trim(),
            body.RunningMinutes);

        var definition = new EventDefinition(
            body.Title.Trim(), body.Artist.Trim(), body.Venue.Trim(), body.StartsAt, body.SaleOpensAt, body.SaleClosesAt,
            [.. body.Categories.Select(c => new PriceCategory(c.Id, c.Name, c.Price, currency))],
            blocks.ToImmutable(), body.PerBuyerLimit, TimeSpan.FromMinutes(body.HoldMinutes), body.QueueEnabled,
            body.QueueMode, TimeSpan.FromMinutes(body.PreQueueMinutes),
            body.TimeZone?.Trim() ?? EventDefinition.DefaultTimeZone, details, placements.ToImmutable());
        return (definition, null, null);
    }

    /// <summary>A..Z, then AA, AB, ... so a hundred rows stay short and sortable by eye.</summary>
    public static string RowLabel(int row) => row < 26 ? ((char)('A' + row)).ToString() : $"{(char)('A' + (row / 26) - 1)}{(char)('A' + (row % 26))}";
}
