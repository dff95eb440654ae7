using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Seating;

/// <summary>
/// Layouts are written one string per row, nearest the stage first: '.' available, 'H' held, 'S' sold,
/// 'X' blocked (never sold), 'W' an available wheelchair space whose companion 'C' follows it, '|' an
/// aisle (not a seat), optionally followed by a space and one category digit per seat (category 1 otherwise).
/// Row labels are A, B, C… so expected seats read as printed ids ("B-3").
/// </summary>
public sealed class BestAvailablePickerTests
{
    [Fact]
    public void Pick_AdjacentOnlyInFartherRow_PrefersAdjacencyOverNearerRow()
    {
        Assert.Equal(["B-2", "B-3", "B-4"], PickIds(1, 3, "..S..", "......"));
    }

    [Fact]
    public void Pick_TwoInRowWithGapOfThree_AvoidsLeavingSingleSeat()
    {
        // The centre gap of three would strand a seat; both side blocks are orphan-free and equally central.
        Assert.Equal(["A-3", "A-4"], PickIds(1, 2, "....H...H...."));
    }

    [Fact]
    public void Pick_NearerRowWouldCreateOrphan_TakesFartherRow()
    {
        Assert.Equal(["B-2", "B-3"], PickIds(1, 2, "S...S", "....."));
    }

    [Fact]
    public void Pick_EveryPlacementCreatesOrphan_AllowsOrphanInNearestRow()
    {
        Assert.Equal(["A-2", "A-3"], PickIds(1, 2, "S...S", "H...H"));
        Assert.Equal(["A-2", "A-3"], PickIds(1, 2, "S...S", "SSSSS"));
    }

    [Fact]
    public void Pick_SingleSeatLeftAtRowEdge_IsNotAnOrphan()
    {
        // Were the edge "taken", row A could only strand a seat and row B would win.
        Assert.Equal(["A-2", "A-3"], PickIds(1, 2, "...S", "...."));
        Assert.Equal(["A-2", "A-3"], PickIds(1, 2, "S...", "...."));
    }

    [Fact]
    public void Pick_OneSeatInGapOfThree_TakesSideSeatNotCentre()
    {
        Assert.Equal(["A-2"], PickIds(1, 1, "S...S"));
    }

    [Fact]
    public void Pick_SeatOfOtherCategoryWouldBeStranded_CountsAsOrphan()
    {
        // A-2 is category 2: holding would leave it alone beside a sold seat.
        Assert.Equal(["A-4", "A-5"], PickIds(1, 2, "S...... 0211111"));
    }

    [Fact]
    public void Pick_EmptyRow_TakesCentreWithTiesGoingLeft()
    {
        Assert.Equal(["A-4", "A-5"], PickIds(1, 2, "........"));
        Assert.Equal(["A-3", "A-4"], PickIds(1, 2, "......."));
        Assert.Equal(["A-3", "A-4", "A-5"], PickIds(1, 3, "......."));
    }

    [Fact]
    public void Pick_NearerRowOffCentre_BeatsCentredFartherRow()
    {
        Assert.Equal(["A-5", "A-6"], PickIds(1, 2, "SSSS....", "........"));
    }

    [Fact]
    public void Pick_OtherCategoryInNearerRow_IsIgnored()
    {
        Assert.Equal(["B-2", "B-3", "B-4"], PickIds(2, 3, "...... 111111", "...... 222222"));
    }

    [Fact]
    public void Pick_MixedCategoriesInOneRow_UsesOnlyRequestedCategory()
    {
        Assert.Equal(["A-1", "A-2"], PickIds(1, 2, "........ 11222211"));
        Assert.Equal(["A-3", "A-4", "A-5", "A-6"], PickIds(2, 4, "........ 11222211"));
        Assert.Equal(["A-1", "A-2", "A-7"], PickIds(1, 3, "........ 11222211"));
    }

    [Fact]
    public void Pick_NoRowHoldsAllTogether_SplitsIntoLargestRuns()
    {
        Assert.Equal(["A-1", "A-2", "A-6", "A-7"], PickIds(1, 4, "..S.S..", ".S.S.S."));
    }

    [Fact]
    public void Pick_SplitEndsPartWayThroughRun_TakesCentreMostPart()
    {
        Assert.Equal(["A-2", "A-3", "A-5", "A-6", "A-7"], PickIds(1, 5, "...S...S..."));
    }

    [Fact]
    public void Pick_SplitAcrossRows_TakesLargerRunFirstThenNearerRow()
    {
        Assert.Equal(["A-2", "B-1", "B-2", "B-3"], PickIds(1, 4, "..S..", "...S"));
        Assert.Equal(["A-2", "A-3", "B-2"], PickIds(1, 3, "S..S", "..S.."));
    }

    [Fact]
    public void Pick_NotEnoughSeats_ReturnsNull()
    {
        Assert.Null(TryPickIds(1, 4, "..S", "HS."));
        Assert.Null(TryPickIds(2, 3, "..... 11122"));
        Assert.Null(TryPickIds(9, 1, "....."));
    }

    [Fact]
    public void Pick_SeatsAcrossAnAisle_AreNotTogether()
    {
        // Eight free seats, but the aisle leaves four on each side: three together come from one side.
        Assert.Equal(["A-2", "A-3", "A-4"], PickIds(1, 3, "....|...."));
        Assert.Equal(["B-2", "B-3", "B-4", "B-5", "B-6"], PickIds(1, 5, "....|....", "......."));
    }

    [Fact]
    public void Pick_SeatBesideAnAisle_IsNotAnOrphan()
    {
        // Without the aisle every pair in the first four seats strands one between the hold and a sold seat;
        // with it, A-4 left beside the aisle is not stranded, and wins the tie by being leftmost.
        Assert.Equal(["A-6", "A-7"], PickIds(1, 2, "S...S..."));
        Assert.Equal(["A-2", "A-3"], PickIds(1, 2, "S...|S..."));
    }

    [Fact]
    public void Pick_NeverChoosesWheelchairSpacesOrCompanionSeats()
    {
        Assert.Equal(["A-1", "A-2", "A-5", "A-6"], PickIds(1, 4, "..WC.."));
        Assert.Equal(["B-3", "B-4"], PickIds(1, 2, ".WC.", "......"));
        Assert.Null(TryPickIds(1, 1, "WC"));
    }

    [Fact]
    public void Pick_NeverChoosesBlockedSeats()
    {
        Assert.Equal(["A-1", "A-2", "A-4", "A-5"], PickIds(1, 4, "..X.."));
        Assert.Null(TryPickIds(1, 1, "XXX"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Pick_CountNotPositive_Throws(int count)
    {
        var (grid, states) = Layout("....");
        Assert.Throws<ArgumentOutOfRangeException>(() => BestAvailablePicker.Pick(grid, states, 1, count));
    }

    [Fact]
    public void Pick_StatesDoNotMatchGrid_Throws()
    {
        var (grid, _) = Layout("....");
        Assert.Throws<ArgumentException>(() => BestAvailablePicker.Pick(grid, new SeatStatus[3], 1, 1));
    }

    [Fact]
    public void Pick_ThousandSeatBlock_AllocatesOnlyTheResult()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 25)
            .Select(_ => new string([.. Enumerable.Range(0, 40).Select(_ => random.Next(3) == 0 ? 'S' : '.')]))
            .ToArray();
        var (grid, states) = Layout(rows);
        BestAvailablePicker.Pick(grid, states, 1, 4);
        BestAvailablePicker.Pick(grid, states, 1, 30);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var together = BestAvailablePicker.Pick(grid, states, 1, 4);
        var split = BestAvailablePicker.Pick(grid, states, 1, 30);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4, together!.Length);
        Assert.Equal(30, split!.Length);
        Assert.True(allocated <= 256, $"Allocated {allocated} bytes.");
    }

    [Fact]
    public void Pick_RandomLayouts_MatchesBruteForceOracle()
    {
        var random = new Random(20_240_611);
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var (grid, states, category, count) = RandomCase(random);
            var context = $"case {iteration}: count {count} of category {category} in {Describe(grid, states)}";
            var pick = BestAvailablePicker.Pick(grid, states, category, count);

            var free = Enumerable.Range(0, grid.SeatCount).Where(s => IsFree(grid, states, category, s)).ToHashSet();
            if (free.Count < count)
            {
                Assert.True(pick is null, context);
                continue;
            }

            Assert.True(pick is not null, context);
            Assert.Equal(count, pick.Length);
            Assert.True(pick.Distinct().Count() == count && pick.All(free.Contains), context);
            Assert.True(pick.SequenceEqual(pick.Order()), context);

            var placements = OraclePlacements(grid, states, category, count);
            if (placements.Count == 0)
            {
                // Split: every run is shorter than count, so the largest run must have been taken whole.
                var runs = Runs(grid, states, category);
                var longest = runs.Max(r => r.Length);
                Assert.True(runs.Any(r => r.Length == longest && r.All(pick.Contains)), context);
                continue;
            }

            var row = grid.RowOf(pick[0]);
            Assert.True(pick[^1] - pick[0] == count - 1 && grid.RowOf(pick[^1]) == row, $"not adjacent: {context}");
            var orphanFreeExists = placements.Any(p => !p.Orphan);
            var chosenOrphan = CreatesOrphanBySimulation(grid, states, pick[0], count);
            Assert.False(orphanFreeExists && chosenOrphan, $"created an orphan: {context}");
            var bestClass = placements.Where(p => p.Orphan == !orphanFreeExists).ToList();
            Assert.True(row == bestClass.Min(p => p.Row), $"not nearest row: {context}");

            var expected = bestClass.OrderBy(p => p.Row).ThenBy(p => p.CentreDistance).ThenBy(p => p.Start).First();
            Assert.True(expected.Start == pick[0], $"expected start {expected.Start}, got {pick[0]}: {context}");
        }
    }

    private sealed record Placement(int Start, int Row, bool Orphan, double CentreDistance);

    private static List<Placement> OraclePlacements(SeatGrid grid, SeatStatus[] states, byte category, int count)
    {
        var placements = new List<Placement>();
        for (var row = 0; row < grid.RowCount; row++)
        {
            int rowStart = grid.RowStarts[row], rowEnd = grid.RowStarts[row + 1];
            for (var start = rowStart; start + count <= rowEnd; start++)
            {
                if (Enumerable.Range(start, count - 1).Any(s => (grid.Marks[s] & SeatMark.AisleAfter) != 0))
                {
                    continue;
                }

                if (Enumerable.Range(start, count).All(s => IsFree(grid, states, category, s)))
                {
                    var centre = Math.Abs(start + ((count - 1) / 2.0) - ((rowStart + rowEnd - 1) / 2.0));
                    placements.Add(new Placement(start, row, CreatesOrphanBySimulation(grid, states, start, count), centre));
                }
            }
        }

        return placements;
    }

    /// <summary>Holds the seats on a copy of their part of the row (between aisles) and asks whether any seat became an orphan.</summary>
    private static bool CreatesOrphanBySimulation(SeatGrid grid, SeatStatus[] states, int start, int count)
    {
        var (first, end) = SegmentAround(grid, start);
        var before = states[first..end];
        var after = (SeatStatus[])before.Clone();
        for (var i = 0; i < count; i++)
        {
            after[start - first + i] = SeatStatus.Held;
        }

        var orphansBefore = Orphans(before);
        return Orphans(after).Any(s => !orphansBefore.Contains(s));
    }

    private static HashSet<int> Orphans(SeatStatus[] row) =>
        [.. Enumerable.Range(1, Math.Max(0, row.Length - 2))
            .Where(i => row[i] == SeatStatus.Available && row[i - 1] != SeatStatus.Available && row[i + 1] != SeatStatus.Available)];

    private static List<int[]> Runs(SeatGrid grid, SeatStatus[] states, byte category)
    {
        var runs = new List<int[]>();
        for (var row = 0; row < grid.RowCount; row++)
        {
            var current = new List<int>();
            for (var seat = grid.RowStarts[row]; seat <= grid.RowStarts[row + 1]; seat++)
            {
                if (seat < grid.RowStarts[row + 1] && IsFree(grid, states, category, seat))
                {
                    current.Add(seat);
                }
                else if (current.Count > 0)
                {
                    runs.Add([.. current]);
                    current.Clear();
                }

                if (seat < grid.RowStarts[row + 1] && (grid.Marks[seat] & SeatMark.AisleAfter) != 0 && current.Count > 0)
                {
                    runs.Add([.. current]);
                    current.Clear();
                }
            }
        }

        return runs;
    }

    private static (SeatGrid Grid, SeatStatus[] States, byte Category, int Count) RandomCase(Random random)
    {
        var takenChance = random.NextDouble() * 0.8;
        var categoryCount = random.Next(1, 4);
        var blockCategories = random.Next(2) == 0;
        var rows = new string[random.Next(1, 7)];
        for (var r = 0; r < rows.Length; r++)
        {
            var length = random.Next(1, 16);
            var rowCategory = random.Next(1, categoryCount + 1);
            var seats = new string([.. Enumerable.Range(0, length).Select(_ =>
                random.NextDouble() >= takenChance ? '.' : random.Next(2) == 0 ? 'H' : 'S')]);

            // Now and then an aisle, a blocked seat or a wheelchair pair, each in place of a seat.
            var marked = seats.ToCharArray();
            for (var i = 0; i + 1 < length; i++)
            {
                switch (random.Next(12))
                {
                    case 0: marked[i] = 'X'; break;
                    case 1 when marked[i] == '.' && marked[i + 1] == '.': (marked[i], marked[i + 1]) = ('W', 'C'); i++; break;
                }
            }

            var aisle = length > 2 && random.Next(3) == 0 ? random.Next(1, length) : -1;
            seats = aisle < 0 || (marked[aisle - 1] == 'W') ? new string(marked) : $"{new string(marked[..aisle])}|{new string(marked[aisle..])}";
            var categories = new string([.. Enumerable.Range(0, length).Select(_ =>
                (char)('0' + (blockCategories ? rowCategory : random.Next(1, categoryCount + 1))))]);
            rows[r] = $"{seats} {categories}";
        }

        var (grid, states) = Layout(rows);
        return (grid, states, (byte)random.Next(1, categoryCount + 1), random.Next(1, 7));
    }

    private static bool IsFree(SeatGrid grid, SeatStatus[] states, byte category, int seat) =>
        states[seat] == SeatStatus.Available && grid.Categories[seat] == category && grid.IsPickable(seat);

    /// <summary>The seats [first, end) of the part of the row, between aisles, that holds <paramref name="seat"/>.</summary>
    private static (int First, int End) SegmentAround(SeatGrid grid, int seat)
    {
        var row = grid.RowOf(seat);
        var first = seat;
        while (first > grid.RowStarts[row] && (grid.Marks[first - 1] & SeatMark.AisleAfter) == 0)
        {
            first--;
        }

        var end = seat + 1;
        while (end < grid.RowStarts[row + 1] && (grid.Marks[end - 1] & SeatMark.AisleAfter) == 0)
        {
            end++;
        }

        return (first, end);
    }

    private static string[] PickIds(byte category, int count, params string[] rows)
    {
        var ids = TryPickIds(category, count, rows);
        Assert.NotNull(ids);
        return ids;
    }

    private static string[]? TryPickIds(byte category, int count, params string[] rows)
    {
        var (grid, states) = Layout(rows);
        return BestAvailablePicker.Pick(grid, states, category, count)?.Select(grid.SeatId).ToArray();
    }

    private static (SeatGrid Grid, SeatStatus[] States) Layout(params string[] rows)
    {
        var labels = new List<string>();
        var starts = new List<int> { 0 };
        var states = new List<SeatStatus>();
        var categories = new List<byte>();
        var marks = new List<SeatMark>();
        var partners = new List<int>();
        foreach (var row in rows)
        {
            var parts = row.Split(' ');
            var seats = parts[0].Replace("|", string.Empty, StringComparison.Ordinal);
            var digits = parts.Length > 1 ? parts[1] : new string('1', seats.Length);
            Assert.Equal(seats.Length, digits.Length);
            labels.Add(((char)('A' + labels.Count)).ToString());
            foreach (var c in parts[0])
            {
                if (c == '|')
                {
                    marks[^1] |= SeatMark.AisleAfter;
                    continue;
                }

                states.Add(c switch
                {
                    '.' or 'W' or 'C' => SeatStatus.Available,
                    'H' => SeatStatus.Held,
                    'S' => SeatStatus.Sold,
                    'X' => SeatStatus.Blocked,
                    _ => throw new ArgumentException($"Unknown seat '{c}'.", nameof(rows)),
                });
                marks.Add(c switch { 'X' => SeatMark.Blocked, 'W' => SeatMark.Wheelchair, 'C' => SeatMark.Companion, _ => SeatMark.None });
                partners.Add(c switch { 'W' => states.Count, 'C' => states.Count - 2, _ => -1 });
            }

            categories.AddRange(digits.Select(c => (byte)(c - '0')));
            starts.Add(states.Count);
        }

        return (new SeatGrid(labels, [.. starts], [.. categories], [.. marks], [.. partners]), [.. states]);
    }

    private static string Describe(SeatGrid grid, SeatStatus[] states) =>
        string.Join(" / ", Enumerable.Range(0, grid.RowCount).Select(r =>
        {
            var seats = Enumerable.Range(grid.RowStarts[r], grid.RowStarts[r + 1] - grid.RowStarts[r]).ToList();
            var marks = seats.Select(s => (grid.Marks[s] & ~SeatMark.AisleAfter) switch
            {
                SeatMark.Wheelchair => "W",
                SeatMark.Companion => "C",
                _ => states[s] switch { SeatStatus.Held => "H", SeatStatus.Sold => "S", SeatStatus.Blocked => "X", _ => "." },
            } + ((grid.Marks[s] & SeatMark.AisleAfter) != 0 ? "|" : string.Empty));
            return $"{string.Concat(marks)} {new string([.. seats.Select(s => (char)('0' + grid.Categories[s]))])}";
        }));
}
