using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Benchmarks;

/// <summary>A 1,000-seat reserved block (40 rows of 25, one category) filled to a given share, reproducibly.</summary>
public static class Blocks
{
    public const int Rows = 40;
    public const int SeatsPerRow = 25;

    public static BlockDefinition Definition() => BlockDefinition.Reserved(
        "B1", "Block 1", [.. Enumerable.Range(0, Rows).Select(r => RowDefinition.Of($"R{r + 1}", SeatsPerRow, "std"))]);

    public static SeatGrid Grid() => BlockLayout.BuildGrid(Definition(), ["std"]);

    /// <summary>
    /// Seats taken as a rush leaves them: front rows fill first in pairs and fours (best-available picks),
    /// with a sprinkling of single seats taken by hand further back, so free seats end up fragmented.
    /// </summary>
    public static SeatStatus[] Filled(SeatGrid grid, double share, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var states = new SeatStatus[grid.SeatCount];
        var random = new Random(seed);
        var target = (int)(share * grid.SeatCount);
        var taken = 0;
        while (taken < target)
        {
            var quantity = Math.Min(random.Next(1, 5), target - taken);
            int[]? pick = random.NextDouble() < 0.8 ? BestAvailablePicker.Pick(grid, states, 0, quantity) : null;
            if (pick is null)
            {
                var seat = random.Next(grid.SeatCount);
                if (states[seat] != SeatStatus.Available)
                {
                    continue;
                }

                pick = [seat];
            }

            foreach (var seat in pick)
            {
                states[seat] = SeatStatus.Sold;
            }

            taken += pick.Length;
        }

        return states;
    }

    public static SeatMapSnapshot Snapshot(SeatStatus[] states) => new(
        "ev-benchmark", "B1", 1234, [.. states.Select(s => (byte)s)],
        ImmutableDictionary<string, InventoryCounts>.Empty.Add("std", new InventoryCounts(
            states.Count(s => s == SeatStatus.Available), states.Count(s => s == SeatStatus.Held), states.Count(s => s == SeatStatus.Sold))));
}
