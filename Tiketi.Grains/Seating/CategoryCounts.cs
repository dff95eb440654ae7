using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// Available, held and sold places per category of a block, moved as seats and allocations change, so
/// reading them costs O(categories) and never a pass over the seats.
/// </summary>
public sealed class CategoryCounts
{
    private readonly int[][] _byStatus;
    private readonly int[] _accessibleAvailable;

    public CategoryCounts(int categories)
    {
        _byStatus = [new int[categories], new int[categories], new int[categories]];
        _accessibleAvailable = new int[categories];
    }

    public int Available(int category) => _byStatus[(int)SeatStatus.Available][category];

    /// <summary>Counts an available wheelchair space or companion seat in or out of the category's accessible figure.</summary>
    public void MoveAccessible(int category, int count) => _accessibleAvailable[category] += count;

    public void Add(int category, SeatStatus status, int count) => _byStatus[(int)status][category] += count;

    public void Move(int category, SeatStatus from, SeatStatus to, int count)
    {
        _byStatus[(int)from][category] -= count;
        _byStatus[(int)to][category] += count;
    }

    /// <summary>Counts per category id, leaving out categories with no places in this block.</summary>
    public ImmutableDictionary<string, InventoryCounts> ToDictionary(IReadOnlyList<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(categoryIds);
        var builder = ImmutableDictionary.CreateBuilder<string, InventoryCounts>();
        for (var c = 0; c < categoryIds.Count; c++)
        {
            var counts = new InventoryCounts(_byStatus[0][c], _byStatus[1][c], _byStatus[2][c], _accessibleAvailable[c]);
            if (counts.Capacity > 0)
            {
                builder[categoryIds[c]] = counts;
            }
        }

        return builder.ToImmutable();
    }
}
