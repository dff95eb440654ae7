namespace Tiketi.Seating;

/// <summary>
/// Chooses the "best available" seats for a quantity hold. It runs inside the seat-block grain's
/// single-threaded turn on every such hold, so it is pure, makes one pass per decision and allocates
/// nothing but its result.
/// </summary>
public static class BestAvailablePicker
{
    /// <summary>
    /// Returns the flat seat indexes to hold (sorted ascending), or null when fewer than
    /// <paramref name="count"/> seats of <paramref name="category"/> are available in the block.
    /// </summary>
    public static int[]? Pick(SeatGrid grid, ReadOnlySpan<SeatStatus> states, byte category, int count)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (states.Length != grid.SeatCount)
        {
            throw new ArgumentException("There must be one state per seat in the grid.", nameof(states));
        }

        var rowStarts = grid.RowStarts;
        var segmentStarts = grid.SegmentStarts;
        var segmentRows = grid.SegmentRows;

        // Lower is better, compared in order: creates an orphan (0/1), row, doubled distance from the
        // row centre (doubling keeps half-seat midpoints in integers), start. Start last makes ties go
        // leftmost and the order total. Seats are together only within a segment (a row between aisles).
        var best = (Orphan: int.MaxValue, Row: 0, Distance: 0, Start: -1);
        var free = 0;
        for (var segment = 0; segment < grid.SegmentCount; segment++)
        {
            var row = segmentRows[segment];

            // Rows further back can only beat an earlier row by avoiding an orphan, so an orphan-free
            // pick in a finished row is final and the rest of the block need not be read.
            if (best.Orphan == 0 && row != best.Row)
            {
                break;
            }

            int rowStart = rowStarts[row], rowEnd = rowStarts[row + 1];
            int segmentStart = segmentStarts[segment], segmentEnd = segmentStarts[segment + 1];
            for (var runStart = segmentStart; runStart < segmentEnd;)
            {
                var runEnd = RunEnd(grid, states, category, runStart, segmentEnd);
                free += runEnd - runStart;
                for (var start = runStart; start + count <= runEnd; start++)
                {
                    var candidate = (
                        CreatesOrphan(states, segmentStart, segmentEnd, start, start + count) ? 1 : 0,
                        row,
                        Math.Abs((2 * start) + count - rowStart - rowEnd),
                        start);
                    if (candidate.CompareTo(best) < 0)
                    {
                        best = candidate;
                    }
                }

                runStart = Math.Max(runEnd, runStart + 1);
            }
        }

        if (best.Start >= 0)
        {
            var seats = new int[count];
            for (var i = 0; i < count; i++)
            {
                seats[i] = best.Start + i;
            }

            return seats;
        }

        return free < count ? null : Split(grid, states, category, count);
    }

    /// <summary>
    /// No row holds <paramref name="count"/> together, so every run is shorter than that: take whole
    /// runs, largest first, and only the last one partly.
    /// </summary>
    private static int[] Split(SeatGrid grid, ReadOnlySpan<SeatStatus> states, byte category, int count)
    {
        var rowStarts = grid.RowStarts;
        var seats = new int[count];
        var taken = 0;

        // Runs are ranked by (-length, row, distance, start), a total order, so "the best run ranked
        // after the one taken last" walks them in order without a list or a mark per run. Each step
        // rescans the block, but a split hold spans only a handful of runs.
        var previous = (Length: int.MinValue, Row: 0, Distance: 0, Start: 0);
        while (taken < count)
        {
            var next = (Length: int.MaxValue, Row: 0, Distance: 0, Start: 0);
            var nextEnd = 0;
            for (var segment = 0; segment < grid.SegmentCount; segment++)
            {
                var row = grid.SegmentRows[segment];
                int rowStart = rowStarts[row], rowEnd = rowStarts[row + 1], segmentEnd = grid.SegmentStarts[segment + 1];
                for (var runStart = grid.SegmentStarts[segment]; runStart < segmentEnd;)
                {
                    var runEnd = RunEnd(grid, states, category, runStart, segmentEnd);
                    if (runEnd > runStart)
                    {
                        var run = (-(runEnd - runStart), row, Math.Abs(runStart + runEnd - rowStart - rowEnd), runStart);
                        if (run.CompareTo(previous) > 0 && run.CompareTo(next) < 0)
                        {
                            (next, nextEnd) = (run, runEnd);
                        }
                    }

                    runStart = Math.Max(runEnd, runStart + 1);
                }
            }

            // The caller counted enough free seats, so a next run always exists here.
            var take = Math.Min(nextEnd - next.Start, count - taken);
            var firstRow = rowStarts[next.Row];
            var start = Math.Clamp((firstRow + rowStarts[next.Row + 1] - take) / 2, next.Start, nextEnd - take);
            for (var i = 0; i < take; i++)
            {
                seats[taken++] = start + i;
            }

            previous = next;
        }

        Array.Sort(seats);
        return seats;
    }

    /// <summary>
    /// The end of the run of free, pickable seats of the category starting at <paramref name="seat"/>; equal
    /// to it when that seat is not one. Wheelchair spaces and companion seats are left to buyers who choose them.
    /// </summary>
    private static int RunEnd(SeatGrid grid, ReadOnlySpan<SeatStatus> states, byte category, int seat, int segmentEnd)
    {
        var categories = grid.Categories;
        var marks = grid.Marks;
        while (seat < segmentEnd && states[seat] == SeatStatus.Available && categories[seat] == category && (marks[seat] & SeatMark.NotPickable) == 0)
        {
            seat++;
        }

        return seat;
    }

    /// <summary>
    /// Whether holding [start, end) strands one available seat between the hold and a taken seat. Only
    /// the seats beside the hold can change, and a segment's edge (row end or aisle) is not a taken seat.
    /// </summary>
    private static bool CreatesOrphan(ReadOnlySpan<SeatStatus> states, int segmentStart, int segmentEnd, int start, int end) =>
        (start - 2 >= segmentStart && states[start - 1] == SeatStatus.Available && states[start - 2] != SeatStatus.Available)
        || (end + 1 < segmentEnd && states[end] == SeatStatus.Available && states[end + 1] != SeatStatus.Available);
}
