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
        }
        else if (block.Capacities.IsDefaultOrEmpty || !block.Rows.IsDefaultOrEmpty
                 || block.Capacities.Any(c => c.Capacity <= 0 || !known.Contains(c.CategoryId)))
        {
            return Fail($"General-admission block '{block.Id}' needs positive capacities of known categories and no rows.");
        }

        var capacity = block.Kind == BlockKind.Reserved ? block.Rows.Sum(r => r.Runs.Sum(x => (long)x.Count)) : block.Capacities.Sum(c => (long)c.Capacity);
        return capacity > MaxCapacity ? Fail($"Block '{block.Id}' holds {capacity} places; the limit is {MaxCapacity}.") : Result.Success;
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
        return new SeatGrid([.. block.Rows.Select(r => r.Label)], rowStarts, [.. categories]);
    }

    private static Result Fail(string message) => Result.Fail(Reasons.InvalidEvent, message);
}
