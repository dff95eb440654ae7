using Tiketi.LoadTest.Targets;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>How a buyer picks seats by hand on a block's map: a random run of adjacent free seats in one row.</summary>
public sealed class SeatPicker(int seatsPerRow)
{
    /// <summary>Seat ids ("C-12") of <paramref name="quantity"/> adjacent free seats, or null when no row has that many together.</summary>
    public string[]? Pick(SeatMapSnapshot map, int quantity, Random random)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(random);
        var seats = map.Seats;
        var rows = seats.Length / seatsPerRow;
        var starts = new List<int>();
        for (var row = 0; row < rows; row++)
        {
            var free = 0;
            for (var n = 0; n < seatsPerRow; n++)
            {
                free = seats[(row * seatsPerRow) + n] == (byte)SeatStatus.Available ? free + 1 : 0;
                if (free >= quantity)
                {
                    starts.Add((row * seatsPerRow) + n - quantity + 1);
                }
            }
        }

        if (starts.Count == 0)
        {
            return null;
        }

        var start = starts[random.Next(starts.Count)];
        var (r, first) = (start / seatsPerRow, (start % seatsPerRow) + 1);
        return [.. Enumerable.Range(first, quantity).Select(number => $"{SaleSpec.RowLabel(r)}-{number}")];
    }
}
