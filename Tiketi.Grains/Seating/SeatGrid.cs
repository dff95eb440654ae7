namespace Tiketi.Seating;

/// <summary>What a seat is doing right now. Stored as one byte per seat.</summary>
public enum SeatState : byte
{
    Available = 0,
    Held = 1,
    Sold = 2,
}

/// <summary>
/// The immutable shape of a reserved-seating block, flattened for speed: seat <c>i</c> lives in the
/// row whose range <c>[RowStarts[r], RowStarts[r + 1])</c> contains it. Rows are ordered nearest the
/// stage first; within a row, seats are ordered left to right as printed on the seat numbers.
/// </summary>
public sealed class SeatGrid
{
    public SeatGrid(IReadOnlyList<string> rowLabels, int[] rowStarts, byte[] categories)
    {
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(categories);
        if (rowStarts.Length != rowLabels.Count + 1 || rowStarts[^1] != categories.Length)
        {
            throw new ArgumentException("Row starts must bracket every seat exactly once.", nameof(rowStarts));
        }

        RowLabels = rowLabels;
        RowStarts = rowStarts;
        Categories = categories;
    }

    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Row r spans seats [RowStarts[r], RowStarts[r + 1]); the last entry is the seat count.</summary>
    public int[] RowStarts { get; }

    /// <summary>The price-category index of each seat (an index into the event's categories).</summary>
    public byte[] Categories { get; }

    public int RowCount => RowLabels.Count;

    public int SeatCount => Categories.Length;

    public int RowOf(int seat)
    {
        var index = Array.BinarySearch(RowStarts, seat);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The printed seat number (1-based within its row).</summary>
    public int NumberOf(int seat) => seat - RowStarts[RowOf(seat)] + 1;

    /// <summary>The seat id buyers see and send, e.g. "C-12".</summary>
    public string SeatId(int seat) => $"{RowLabels[RowOf(seat)]}-{NumberOf(seat)}";

    public bool TryParseSeatId(string seatId, out int seat)
    {
        seat = -1;
        var dash = seatId?.LastIndexOf('-') ?? -1;
        if (seatId is null || dash <= 0 || !int.TryParse(seatId.AsSpan(dash + 1), out var number) || number < 1)
        {
            return false;
        }

        var label = seatId[..dash];
        for (var r = 0; r < RowLabels.Count; r++)
        {
            if (string.Equals(RowLabels[r], label, StringComparison.Ordinal))
            {
                var candidate = RowStarts[r] + number - 1;
                if (candidate >= RowStarts[r + 1])
                {
                    return false;
                }

                seat = candidate;
                return true;
            }
        }

        return false;
    }
}
