using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>Selection, bookkeeping and read models of <see cref="SeatInventory"/>.</summary>
public sealed partial class SeatInventory
{
    public ImmutableArray<SeatChange> TakeChanges()
    {
        var changes = _changes.ToImmutableArray();
        _changes.Clear();
        CountsChanged = false;
        return changes;
    }

    public ImmutableDictionary<string, InventoryCounts> Counts()
    {
        var categories = _state.CategoryIds.Count;
        var held = new int[categories];
        var sold = new int[categories];
        var available = new int[categories];
        if (_grid is not null)
        {
            for (var seat = 0; seat < _state.Seats.Length; seat++)
            {
                var c = _grid.Categories[seat];
                switch ((SeatStatus)_state.Seats[seat])
                {
                    case SeatStatus.Held: held[c]++; break;
                    case SeatStatus.Sold: sold[c]++; break;
                    default: available[c]++; break;
                }
            }
        }
        else
        {
            foreach (var allocation in _state.Allocations.Values)
            {
                (allocation.Status == AllocationStatus.Held ? held : sold)[allocation.Category] += allocation.Quantity;
            }

            for (var c = 0; c < categories; c++)
            {
                available[c] = _state.AreaCapacity[c] - held[c] - sold[c];
            }
        }

        var builder = ImmutableDictionary.CreateBuilder<string, InventoryCounts>();
        for (var c = 0; c < categories; c++)
        {
            if (available[c] + held[c] + sold[c] > 0)
            {
                builder[_state.CategoryIds[c]] = new InventoryCounts(available[c], held[c], sold[c]);
            }
        }

        return builder.ToImmutable();
    }

    public ImmutableArray<AllocationView> Allocations() =>
        [.. _state.Allocations.Select(a => new AllocationView(a.Key, a.Value.BuyerId, a.Value.Status, Items(a.Value), a.Value.ExpiresAt))];

    private Result<Allocation> PickSeats(HoldSelection selection)
    {
        var grid = _grid!;
        if (selection.IsExplicit)
        {
            var seats = new int[selection.SeatIds.Length];
            for (var i = 0; i < seats.Length; i++)
            {
                if (!grid.TryParseSeatId(selection.SeatIds[i], out seats[i]))
                {
                    return Result<Allocation>.Fail(Reasons.UnknownSeat, $"Seat '{selection.SeatIds[i]}' does not exist in this block.");
                }
            }

            if (seats.Distinct().Count() != seats.Length)
            {
                return Result<Allocation>.Fail(Reasons.InvalidSelection, "A seat is listed twice.");
            }

            // All or nothing: one taken seat fails the whole request and nothing is held.
            var taken = seats.FirstOrDefault(s => _state.Seats[s] != (byte)SeatStatus.Available, -1);
            return taken >= 0
                ? Result<Allocation>.Fail(Reasons.SeatTaken, $"Seat {grid.SeatId(taken)} is already reserved.")
                : Result<Allocation>.Ok(new Allocation { Seats = [.. seats.Order()] });
        }

        if (!TryCategory(selection.CategoryId, out var category, out var failure))
        {
            return Result<Allocation>.From(failure);
        }

        var states = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, SeatStatus>(_state.Seats);
        var pick = BestAvailablePicker.Pick(grid, states, category, selection.Quantity);
        return pick is null
            ? Result<Allocation>.Fail(Reasons.NotEnoughInventory, $"Fewer than {selection.Quantity} seats are available in this category.")
            : Result<Allocation>.Ok(new Allocation { Seats = pick, Category = category });
    }

    private Result<Allocation> PickArea(HoldSelection selection)
    {
        if (selection.IsExplicit)
        {
            return Result<Allocation>.Fail(Reasons.InvalidSelection, "General admission has no seat numbers; ask for a quantity.");
        }

        if (!TryCategory(selection.CategoryId, out var category, out var failure))
        {
            return Result<Allocation>.From(failure);
        }

        var counts = Counts();
        var available = counts.TryGetValue(_state.CategoryIds[category], out var c) ? c.Available : 0;
        return available < selection.Quantity
            ? Result<Allocation>.Fail(Reasons.NotEnoughInventory, $"Only {available} places are left in this category.")
            : Result<Allocation>.Ok(new Allocation { Category = category, Quantity = selection.Quantity });
    }

    private bool TryCategory(string? categoryId, out byte category, out Result failure)
    {
        var index = categoryId is null ? -1 : _state.CategoryIds.IndexOf(categoryId);
        category = (byte)Math.Max(index, 0);
        failure = Result.Fail(Reasons.UnknownCategory, $"Category '{categoryId}' is not sold in this block.");
        return index >= 0;
    }

    private int IndexOf(string categoryId) => _state.CategoryIds.IndexOf(categoryId);

    private void Remove(string holdId, Allocation allocation)
    {
        _state.Allocations.Remove(holdId);
        FreeForWaitlistOrSale(allocation);
    }

    private void SetSeats(int[] seats, SeatStatus status)
    {
        foreach (var seat in seats)
        {
            _state.Seats[seat] = (byte)status;
            _changes.Add(new SeatChange(seat, status));
        }
    }

    private HoldGrant Grant(string holdId, Allocation allocation) =>
        new(holdId, _state.Definition!.Id, Items(allocation), allocation.ExpiresAt);

    private ImmutableArray<HeldItem> Items(Allocation allocation) => allocation.Quantity > 0
        ? [new HeldItem(null, _state.CategoryIds[allocation.Category], allocation.Quantity)]
        : [.. allocation.Seats.Select(s => new HeldItem(_grid!.SeatId(s), _state.CategoryIds[_grid.Categories[s]], 1))];
}
