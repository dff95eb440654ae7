using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Admin;

/// <summary>
/// Turns a section's seat-level edits (aisles by seat number, blocked seats and wheelchair pairs by seat id)
/// into each row's <see cref="SeatMarks"/>, naming the field of the first mark that cannot be.
/// </summary>
public static class SeatMarksBuilder
{
    /// <summary>The marks of each row of the section (null for a row without any), or the field and message of the first error.</summary>
    public static (SeatMarks?[]? Rows, string? Field, string? Error) Build(SectionBody section, string field)
    {
        ArgumentNullException.ThrowIfNull(section);
        var aisles = section.AislesAfter ?? [];
        if (aisles.Where(n => n < 1 || n >= section.SeatsPerRow).Select(n => (int?)n).FirstOrDefault() is { } badAisle)
        {
            return Fail($"{field}.aislesAfter", $"An aisle after seat {badAisle} must lie between two seats (1-{section.SeatsPerRow - 1}).");
        }

        var blocked = new List<int>[section.Rows];
        var wheelchairs = new List<WheelchairSpace>[section.Rows];
        for (var r = 0; r < section.Rows; r++)
        {
            (blocked[r], wheelchairs[r]) = ([], []);
        }

        var marked = new HashSet<(int Row, int Number)>();
        foreach (var (seatId, i) in (section.BlockedSeats ?? []).Select((s, i) => (s, i)))
        {
            if (!TryParse(section, seatId, out var seat) || !marked.Add(seat))
            {
                return Fail($"{field}.blockedSeats[{i}]", $"'{seatId}' is not a seat of section {section.Id}, or is marked twice.");
            }

            blocked[seat.Row].Add(seat.Number);
        }

        foreach (var (pair, i) in (section.Wheelchairs ?? []).Select((p, i) => (p, i)))
        {
            var at = $"{field}.wheelchairs[{i}]";
            if (pair is null || !TryParse(section, pair.Seat, out var space) || !TryParse(section, pair.Companion, out var companion))
            {
                return Fail(at, $"A wheelchair space and its companion seat must both be seats of section {section.Id}.");
            }

            if (!marked.Add(space) || !marked.Add(companion))
            {
                return Fail(at, $"{pair.Seat} or {pair.Companion} already carries another mark.");
            }

            if (space.Row != companion.Row || Math.Abs(space.Number - companion.Number) != 1 || aisles.Contains(Math.Min(space.Number, companion.Number)))
            {
                return Fail(at, $"Companion seat {pair.Companion} must be right beside wheelchair space {pair.Seat}, with no aisle between.");
            }

            wheelchairs[space.Row].Add(new WheelchairSpace(space.Number, companion.Number));
        }

        ImmutableArray<int> rowAisles = [.. aisles.Distinct().Order()];
        var rows = new SeatMarks?[section.Rows];
        for (var r = 0; r < section.Rows; r++)
        {
            if (rowAisles.Length + blocked[r].Count + wheelchairs[r].Count > 0)
            {
                rows[r] = new SeatMarks(rowAisles, [.. blocked[r].Order()], [.. wheelchairs[r].OrderBy(w => w.Seat)]);
                if (BlockLayout.ValidateMarks(rows[r]!, section.SeatsPerRow) is { } problem)
                {
                    return Fail(field, $"Row {LayoutGenerator.RowLabel(r)}: {problem}");
                }
            }
        }

        return (rows, null, null);
    }

    /// <summary>Reads "C-12" against the section's generated row labels and seat numbers.</summary>
    private static bool TryParse(SectionBody section, string? seatId, out (int Row, int Number) seat)
    {
        seat = default;
        var dash = seatId?.LastIndexOf('-') ?? -1;
        if (dash <= 0 || !int.TryParse(seatId.AsSpan(dash + 1), out var number) || number < 1 || number > section.SeatsPerRow)
        {
            return false;
        }

        var label = seatId![..dash].Trim().ToUpperInvariant();
        for (var r = 0; r < section.Rows; r++)
        {
            if (LayoutGenerator.RowLabel(r) == label)
            {
                seat = (r, number);
                return true;
            }
        }

        return false;
    }

    private static (SeatMarks?[]?, string?, string?) Fail(string field, string error) => (null, field, error);
}
