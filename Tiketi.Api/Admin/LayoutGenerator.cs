using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Api.Admin;

/// <summary>Turns an operator's sections × rows × seats into block definitions.</summary>
public static class LayoutGenerator
{
    public static (EventDefinition? Definition, string? Field, string? Error) Build(EventDraftBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var blocks = ImmutableArray.CreateBuilder<BlockDefinition>();
        foreach (var (section, i) in (body.Layout.Sections ?? []).Select((s, i) => (s, i)))
        {
            var bands = section.Bands is { Length: > 0 } ? section.Bands : section.CategoryId is { } c ? [new RowBandBody(section.Rows, c)] : [];
            if (bands.Sum(b => b.Rows) != section.Rows)
            {
                return (null, $"layout.sections[{i}].bands", "Give a categoryId, or bands whose rows add up to the section's rows.");
            }

            var rowCategories = bands.SelectMany(b => Enumerable.Repeat(b.CategoryId, b.Rows)).ToList();
            blocks.Add(new BlockDefinition(section.Id, section.Name, BlockKind.Reserved,
                [.. rowCategories.Select((category, r) => RowDefinition.Of(RowLabel(r), section.SeatsPerRow, category))], []));
        }

        foreach (var area in body.Layout.Areas ?? [])
        {
            blocks.Add(BlockDefinition.GeneralAdmission(area.Id, area.Name, new AreaCapacity(area.CategoryId, area.Capacity)));
        }

        var definition = new EventDefinition(
            body.Title.Trim(), body.Artist.Trim(), body.Venue.Trim(), body.StartsAt, body.SaleOpensAt, body.SaleClosesAt,
            [.. body.Categories.Select(c => new PriceCategory(c.Id, c.Name, c.Price, c.Currency.ToUpperInvariant()))],
            blocks.ToImmutable(), body.PerBuyerLimit, TimeSpan.FromMinutes(body.HoldMinutes), body.QueueEnabled,
            body.QueueMode, TimeSpan.FromMinutes(body.PreQueueMinutes));
        return (definition, null, null);
    }

    /// <summary>A..Z, then AA, AB, ... so a hundred rows stay short and sortable by eye.</summary>
    public static string RowLabel(int row) => row < 26 ? ((char)('A' + row)).ToString() : $"{(char)('A' + (row / 26) - 1)}{(char)('A' + (row % 26))}";
}
