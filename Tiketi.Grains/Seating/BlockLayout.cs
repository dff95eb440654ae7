using Tiketi.Common;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>Checks a block definition and flattens reserved rows into a <see cref="SeatGrid"/>.</summary>
public static class BlockLayout
{
    /// <summary>A block holds at most this many seats or places: beyond it, split the section.</summary>
    public const int MaxCapacity = 5_000;

    /// <summary>Category indexes are stored in one byte per seat.</summary>
    public const int MaxCategories = 255;

    public static Result Validate(BlockDefinition block, IReadOnlyList<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(categoryIds);
        if (!GrainKeys.IsValidId(block.Id))
        {
            return Fail($"Block id '{block.Id}' must be 1-64 letters, digits, '-' or '_'.");
        }

        if (categoryIds.Count is 0 or > MaxCategories)
        {
            return Fail($"An event needs 1 to {MaxCategories} price categories.");
        }

        var known = categoryIds.ToHashSet(StringComparer.Ordinal);
        if (block.Kind == BlockKind.Reserved)
        {
            if (block.Rows.IsDefaultOrEmpty || !block.Capacities.IsDefaultOrEmpty)
            {
                return Fail($"Reserved block '{block.Id}' needs rows and no area capacities.");
            }

            if (block.Rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() != block.Rows.Length
                || block.Rows.Any(r => string.IsNullOrWhiteSpace(r.Label) || r.Label.Contains('-', StringComparison.Ordinal)))
            {
                return Fail($"Row labels of block '{block.Id}' must be unique, non-empty and free of '-'.");
            }

            if (block.Rows.SelectMany(r => r.Runs).Any(run => run.Count <= 0 || !known.Contains(run.CategoryId)))
            {
                return Fail($"Every seat run of block '{block.Id}' needs a positive count and a known category.");
            }

            foreach (var row in block.Rows)
            {
                var marks = ValidateMarks(row);
                if (marks is not null)
                {
                    return Fail($"Row {row.Label} of block '{block.Id}': {marks}");
                }
            }
        }
        else if (block.Capacities.IsDefaultOrEmpty || !block.Rows.IsDefaultOrEmpty
                 || block.Capacities.Any(c => c.Capacity <= 0 || !known.Contains(c.CategoryId)))
        {
            return Fail($"General-admission block '{block.Id}' needs positive capacities of known categories and no rows.");
        }

        var capacity = block.Kind == BlockKind.Reserved ? block.Rows.Sum(r => r.Runs.Sum(x => (long)x.Count)) : block.Capacities.Sum(c => (long)c.Capacity);
        return capacity > MaxCapacity ? Fail($"Block '{block.Id}' holds {capacity} places; the limit is {MaxCapacity}.") : Result.Success;
    }

    /// <summary>At most this many marks (aisles, blocked seats, wheelchair spaces) per row.</summary>
    public const int MaxMarksPerRow = 100;

    /// <summary>
    /// What is wrong with a row's marks, or null. Numbers are the row's seat numbers; a wheelchair space's
    /// companion sits right beside it with no aisle between, and no seat carries two marks.
    /// </summary>
    public static string? ValidateMarks(RowDefinition row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Marks is { } marks ? ValidateMarks(marks, row.SeatCount) : null;
    }

    /// <summary>What is wrong with the marks of a row of <paramref name="seats"/> seats, or null.</summary>
    public static string? ValidateMarks(SeatMarks marks, int seats)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.AislesAfter.IsDefault || marks.Blocked.IsDefault || marks.Wheelchairs.IsDefault)
        {
            return "seat marks need their three lists (aisles, blocked seats, wheelchair spaces), empty when unused.";
        }

        if (marks.AislesAfter.Length + marks.Blocked.Length + marks.Wheelchairs.Length > MaxMarksPerRow)
        {
            return $"at most {MaxMarksPerRow} aisles, blocked seats and wheelchair spaces per row.";
        }

        if (marks.AislesAfter.Where(n => n < 1 || n >= seats).Select(n => (int?)n).FirstOrDefault() is { } aisle)
        {
            return $"an aisle after seat {aisle} must lie between two seats of the row (1-{seats - 1}).";
        }

        if (marks.AislesAfter.Distinct().Count() != marks.AislesAfter.Length)
        {
            return "an aisle is listed twice.";
        }

        var marked = new HashSet<int>();
        foreach (var seat in marks.Blocked)
        {
            if (seat < 1 || seat > seats || !marked.Add(seat))
            {
                return $"blocked seat {seat} is not a seat of the row (1-{seats}) or is marked twice.";
            }
        }

        foreach (var space in marks.Wheelchairs)
        {
            if (space.Seat < 1 || space.Seat > seats || space.Companion < 1 || space.Companion > seats)
            {
                return $"wheelchair space {space.Seat} and companion seat {space.Companion} must be seats of the row (1-{seats}).";
            }

            if (!marked.Add(space.Seat))
            {
                return $"seat {space.Seat} carries two marks.";
            }

            if (!marked.Add(space.Companion))
            {
                return $"seat {space.Companion} carries two marks.";
            }

            if (Math.Abs(space.Seat - space.Companion) != 1 || marks.AislesAfter.Contains(Math.Min(space.Seat, space.Companion)))
            {
                return $"the companion seat of wheelchair space {space.Seat} must be right beside it, with no aisle between.";
            }
        }

        return null;
    }

    public static SeatGrid BuildGrid(BlockDefinition block, IReadOnlyList<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(categoryIds);
        var index = categoryIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (byte)x.i, StringComparer.Ordinal);
        var rowStarts = new int[block.Rows.Length + 1];
        var categories = new List<byte>();
        for (var r = 0; r < block.Rows.Length; r++)
        {
            rowStarts[r] = categories.Count;
            foreach (var run in block.Rows[r].Runs)
            {
                categories.AddRange(Enumerable.Repeat(index[run.CategoryId], run.Count));
            }
        }

        rowStarts[^1] = categories.Count;
        var (marks, partners) = Marks(block, rowStarts, categories.Count);
        return new SeatGrid([.. block.Rows.Select(r => r.Label)], rowStarts, [.. categories], marks, partners);
    }

    /// <summary>The rows' marks by seat index; nulls when the block has none, which most do.</summary>
    private static (SeatMark[]? Marks, int[]? Partners) Marks(BlockDefinition block, int[] rowStarts, int seatCount)
    {
        if (block.Rows.All(r => r.Marks is null || r.Marks.IsEmpty))
        {
            return (null, null);
        }

        var marks = new SeatMark[seatCount];
        int[]? partners = null;
        for (var r = 0; r < block.Rows.Length; r++)
        {
            var row = block.Rows[r].EffectiveMarks;
            var first = rowStarts[r] - 1;
            foreach (var number in row.AislesAfter)
            {
                marks[first + number] |= SeatMark.AisleAfter;
            }

            foreach (var number in row.Blocked)
            {
                marks[first + number] |= SeatMark.Blocked;
            }

            foreach (var space in row.Wheelchairs)
            {
                if (partners is null)
                {
                    partners = new int[seatCount];
                    Array.Fill(partners, -1);
                }

                marks[first + space.Seat] |= SeatMark.Wheelchair;
                marks[first + space.Companion] |= SeatMark.Companion;
                partners[first + space.Seat] = first + space.Companion;
                partners[first + space.Companion] = first + space.Seat;
            }
        }

        return (marks, partners);
    }

    private static Result Fail(string message) => Result.Fail(Reasons.InvalidEvent, message);
}
