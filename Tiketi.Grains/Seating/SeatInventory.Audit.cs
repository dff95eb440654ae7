namespace Tiketi.Seating;

/// <summary>What the on-sale audit needs to know about an allocation before the inventory changes it.</summary>
public sealed partial class SeatInventory
{
    public Allocation? Find(string holdId) => _state.Allocations.GetValueOrDefault(holdId);

    /// <summary>Seats (or places) of the allocation per category index of the block.</summary>
    public int[] SeatsPerCategory(Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var perCategory = new int[_state.CategoryIds.Count];
        if (allocation.Quantity > 0)
        {
            perCategory[allocation.Category] += allocation.Quantity;
        }

        foreach (var seat in allocation.Seats)
        {
            perCategory[_grid!.Categories[seat]]++;
        }

        return perCategory;
    }
}
