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
    /// <summary>
    /// The marks of each row of the section (null for a row without any), or the field and message of the first
    /// error. Seat ids are read here; the rules of the marks are the block's (<see cref="BlockLayout.FindMarkProblem"/>),
    /// whose answer is turned back into the entry the operator sent.
    /// </summary>
    public static (SeatMarks?[]? Rows, string? Field, string? Error) Build(SectionBody section, string field)
    {
        ArgumentNullException.ThrowIfNull(section);
        var blocked = new List<(int Number, int Item)>[section.Rows];
        var wheelchairs = new List<(WheelchairSpace Space, int Item)>[section.Rows];
        for (var r = 0; r < section.Rows; r++)
        {
            (blocked[r], wheelchairs[r]) = ([], []);
        }

        foreach (var (seatId, i) in (section.BlockedSeats ?? []).Select((s, i) => (s, i)))
        {
            if (!TryParse(section, seatId, out var seat))
            {
                return Fail($"{field}.blockedSeats[{i}]", $"'{seatId}' is not a seat of section {section.Id}.");
            }

            blocked[seat.Row].Add((seat.Number, i));
        }

        foreach (var (pair, i) in (section.Wheelchairs ?? []).Select((p, i) => (p, i)))
        {
            var at = $"{field}.wheelchairs[{i}]";
            if (pair is null || !TryParse(section, pair.Seat, out var space) || !TryParse(section, pair.Companion, out var companion))
            {
                return Fail(at, $"A wheelchair space and its companion seat must both be seats of section {section.Id}.");
            }

            if (space.Row != companion.Row)
            {
                return Fail(at, $"Companion seat {pair.Companion} must be right beside wheelchair space {pair.Seat}, in its row.");
            }

            wheelchairs[space.Row].Add((new WheelchairSpace(space.Number, companion.Number), i));
        }

        // One aisle list serves every row; naming a seat number twice is one aisle.
        ImmutableArray<int> aisles = [.. (section.AislesAfter ?? []).Distinct()];
        var rows = new SeatMarks?[section.Rows];
        for (var r = 0; r < section.Rows; r++)
        {
            if (aisles.Length + blocked[r].Count + wheelchairs[r].Count == 0)
            {
                continue;
            }

            var marks = new SeatMarks(aisles, [.. blocked[r].Select(b => b.Number)], [.. wheelchairs[r].Select(w => w.Space)]);
            if (BlockLayout.FindMarkProblem(marks, section.SeatsPerRow) is { } problem)
            {
                var at = problem.List switch
                {
                    MarkList.AislesAfter => $"{field}.aislesAfter",
                    MarkList.Blocked => $"{field}.blockedSeats[{blocked[r][problem.Index].Item}]",
                    MarkList.Wheelchairs => $"{field}.wheelchairs[{wheelchairs[r][problem.Index].Item}]",
                    _ => field,
                };
                return Fail(at, $"Row {LayoutGenerator.RowLabel(r)}: {problem.Message}");
            }

            rows[r] = new SeatMarks([.. aisles.Order()], [.. marks.Blocked.Order()], [.. marks.Wheelchairs.OrderBy(w => w.Seat)]);
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
