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
        return row.Marks is { } marks ? FindMarkProblem(marks, row.SeatCount)?.Message : null;
    }

    /// <summary>The first problem of the marks of a row of <paramref name="seats"/> seats, with the entry it is about, or null.</summary>
    public static MarkProblem? FindMarkProblem(SeatMarks marks, int seats)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.AislesAfter.IsDefault || marks.Blocked.IsDefault || marks.Wheelchairs.IsDefault)
        {
            return new("seat marks need their three lists (aisles, blocked seats, wheelchair spaces), empty when unused.");
        }

        if (marks.AislesAfter.Length + marks.Blocked.Length + marks.Wheelchairs.Length > MaxMarksPerRow)
        {
            return new($"at most {MaxMarksPerRow} aisles, blocked seats and wheelchair spaces per row.");
        }

        for (var i = 0; i < marks.AislesAfter.Length; i++)
        {
            var aisle = marks.AislesAfter[i];
            if (aisle < 1 || aisle >= seats)
            {
                return new($"an aisle after seat {aisle} must lie between two seats of the row (1-{seats - 1}).", MarkList.AislesAfter, i);
            }

            if (marks.AislesAfter.IndexOf(aisle) != i)
            {
                return new("an aisle is listed twice.", MarkList.AislesAfter, i);
            }
        }

        var marked = new HashSet<int>();
        for (var i = 0; i < marks.Blocked.Length; i++)
        {
            var seat = marks.Blocked[i];
            if (seat < 1 || seat > seats || !marked.Add(seat))
            {
                return new($"blocked seat {seat} is not a seat of the row (1-{seats}) or is marked twice.", MarkList.Blocked, i);
            }
        }

        for (var i = 0; i < marks.Wheelchairs.Length; i++)
        {
            var space = marks.Wheelchairs[i];
            var problem = space.Seat < 1 || space.Seat > seats || space.Companion < 1 || space.Companion > seats
                ? $"wheelchair space {space.Seat} and companion seat {space.Companion} must be seats of the row (1-{seats})."
                : !marked.Add(space.Seat) ? $"seat {space.Seat} carries two marks."
                : !marked.Add(space.Companion) ? $"seat {space.Companion} carries two marks."
                : Math.Abs(space.Seat - space.Companion) != 1 || marks.AislesAfter.Contains(Math.Min(space.Seat, space.Companion))
                    ? $"the companion seat of wheelchair space {space.Seat} must be right beside it, with no aisle between."
                    : null;
            if (problem is not null)
            {
                return new(problem, MarkList.Wheelchairs, i);
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
