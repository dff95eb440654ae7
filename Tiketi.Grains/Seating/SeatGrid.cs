namespace Tiketi.Seating;

/// <summary>
/// The immutable shape of a reserved-seating block, flattened for speed: seat <c>i</c> lives in the
/// row whose range <c>[RowStarts[r], RowStarts[r + 1])</c> contains it. Rows are ordered nearest the
/// stage first; within a row, seats are ordered left to right as printed on the seat numbers.
/// </summary>
public sealed class SeatGrid
{
    /// <param name="marks">Seat marks by seat index; null when no seat of the block is marked.</param>
    /// <param name="partners">The other seat of each wheelchair pair by seat index (-1 for none); null when there is no pair.</param>
    public SeatGrid(IReadOnlyList<string> rowLabels, int[] rowStarts, byte[] categories, SeatMark[]? marks = null, int[]? partners = null)
    {
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(categories);
        if (rowStarts.Length != rowLabels.Count + 1 || rowStarts[^1] != categories.Length)
        {
            throw new ArgumentException("Row starts must bracket every seat exactly once.", nameof(rowStarts));
        }

        if ((marks is not null && marks.Length != categories.Length) || (partners is not null && partners.Length != categories.Length))
        {
            throw new ArgumentException("Marks and partners need one entry per seat.", nameof(marks));
        }

        RowLabels = rowLabels;
        RowStarts = rowStarts;
        Categories = categories;
        Marks = marks ?? new SeatMark[categories.Length];
        _partners = partners;
        (SegmentStarts, SegmentRows) = Segments(rowStarts, Marks);
    }

    private readonly int[]? _partners;

    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Row r spans seats [RowStarts[r], RowStarts[r + 1]); the last entry is the seat count.</summary>
    public int[] RowStarts { get; }

    /// <summary>The price-category index of each seat (an index into the event's categories).</summary>
    public byte[] Categories { get; }

    /// <summary>What is special about each seat (<see cref="SeatMark.None"/> for most).</summary>
    public SeatMark[] Marks { get; }

    /// <summary>
    /// Rows cut at their aisles: segment s spans seats [SegmentStarts[s], SegmentStarts[s + 1]) of row
    /// <see cref="SegmentRows"/>[s]. Seats on both sides of an aisle are not together, and an aisle is an edge.
    /// </summary>
    public int[] SegmentStarts { get; }

    public int[] SegmentRows { get; }

    public int SegmentCount => SegmentRows.Length;

    public int RowCount => RowLabels.Count;

    /// <summary>The other seat of the wheelchair pair <paramref name="seat"/> belongs to, or -1.</summary>
    public int PartnerOf(int seat) => _partners is null ? -1 : _partners[seat];

    /// <summary>Whether best-available may choose the seat: not blocked, not a wheelchair space or companion seat (those are chosen on the map).</summary>
    public bool IsPickable(int seat) => (Marks[seat] & SeatMark.NotPickable) == 0;

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
        if (seatId is null)
        {
            return false;
        }

        var dash = seatId.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(seatId.AsSpan(dash + 1), out var number) || number < 1)
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

    private static (int[] Starts, int[] Rows) Segments(int[] rowStarts, SeatMark[] marks)
    {
        var starts = new List<int>(rowStarts.Length);
        var rows = new List<int>(rowStarts.Length);
        for (var row = 0; row + 1 < rowStarts.Length; row++)
        {
            starts.Add(rowStarts[row]);
            rows.Add(row);
            for (var seat = rowStarts[row]; seat < rowStarts[row + 1] - 1; seat++)
            {
                if ((marks[seat] & SeatMark.AisleAfter) != 0)
                {
                    starts.Add(seat + 1);
                    rows.Add(row);
                }
            }
        }

        starts.Add(rowStarts[^1]);
        return ([.. starts], [.. rows]);
    }
}
