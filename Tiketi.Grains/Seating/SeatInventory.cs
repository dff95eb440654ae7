using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// The rules of one block, free of Orleans: hold, release, confirm, return, expire. It mutates the
/// state it is given and records which seats changed so the grain can publish one delta per write.
/// </summary>
public sealed partial class SeatInventory
{
    private readonly SeatBlockState _state;
    private readonly List<SeatChange> _changes = [];
    private SeatGrid? _grid;

    public SeatInventory(SeatBlockState state)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _grid = state.Definition is { Kind: BlockKind.Reserved } def ? BlockLayout.BuildGrid(def, state.CategoryIds) : null;
    }

    public bool IsConfigured => _state.Definition is not null;

    public bool HasChanges => _changes.Count > 0 || CountsChanged;

    /// <summary>Set by any change to general-admission counts, which have no per-seat change.</summary>
    public bool CountsChanged { get; private set; }

    public bool HasHolds => _state.Allocations.Values.Any(a => a.Status == AllocationStatus.Held);

    public Result Configure(BlockDefinition block, IReadOnlyList<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(categoryIds);
        if (_state.Allocations.Count > 0)
        {
            return Result.Fail(Reasons.EventNotEditable, "The block has holds or sales; its layout can no longer change.");
        }

        var layout = BlockLayout.Validate(block, categoryIds);
        if (!layout.IsSuccess)
        {
            return layout;
        }

        _state.Definition = block;
        _state.CategoryIds = [.. categoryIds];
        _grid = block.Kind == BlockKind.Reserved ? BlockLayout.BuildGrid(block, categoryIds) : null;
        _state.Seats = new byte[_grid?.SeatCount ?? 0];
        _state.AreaCapacity = new int[categoryIds.Count];
        foreach (var area in block.Capacities)
        {
            _state.AreaCapacity[IndexOf(area.CategoryId)] += area.Capacity;
        }

        CountsChanged = true;
        return Result.Success;
    }

    public Result<HoldGrant> Hold(HoldCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_state.Definition is null)
        {
            return Result<HoldGrant>.Fail(Reasons.UnknownBlock, "The block does not exist.");
        }

        if (_state.Closed)
        {
            return Result<HoldGrant>.Fail(Reasons.EventCancelled, "The sale of this block has ended.");
        }

        if (_state.Allocations.TryGetValue(command.HoldId, out var existing))
        {
            // A retried hold command gets the same answer instead of a second hold.
            return existing.BuyerId == command.BuyerId
                ? Result<HoldGrant>.Ok(Grant(command.HoldId, existing))
                : Result<HoldGrant>.Fail(Reasons.InvalidSelection, "That hold id is already in use.");
        }

        if (command.ExpiresAt <= now)
        {
            return Result<HoldGrant>.Fail(Reasons.InvalidSelection, "A hold must expire in the future.");
        }

        var picked = _grid is null ? PickArea(command.Selection) : PickSeats(command.Selection);
        if (!picked.IsSuccess)
        {
            return Result<HoldGrant>.From(new Result(picked.Code, picked.Message));
        }

        var allocation = picked.Value!;
        allocation.BuyerId = command.BuyerId;
        allocation.Status = AllocationStatus.Held;
        allocation.ExpiresAt = command.ExpiresAt;
        _state.Allocations[command.HoldId] = allocation;
        SetSeats(allocation.Seats, SeatStatus.Held);
        CountsChanged |= allocation.Quantity > 0;
        return Result<HoldGrant>.Ok(Grant(command.HoldId, allocation));
    }

    /// <summary>Drops a hold; returns false when there was no such hold (an idempotent no-op).</summary>
    public bool Release(string holdId)
    {
        if (!_state.Allocations.TryGetValue(holdId, out var allocation) || allocation.Status != AllocationStatus.Held)
        {
            return false;
        }

        Remove(holdId, allocation);
        return true;
    }

    public Result<HoldGrant> Confirm(string holdId, DateTimeOffset now)
    {
        if (!_state.Allocations.TryGetValue(holdId, out var allocation))
        {
            return Result<HoldGrant>.Fail(Reasons.HoldExpired, "The hold has expired or was released.");
        }

        if (allocation.Status == AllocationStatus.Held)
        {
            if (allocation.ExpiresAt <= now)
            {
                Remove(holdId, allocation);
                return Result<HoldGrant>.Fail(Reasons.HoldExpired, "The hold has expired.");
            }

            allocation.Status = AllocationStatus.Sold;
            SetSeats(allocation.Seats, SeatStatus.Sold);
            CountsChanged |= allocation.Quantity > 0;
        }

        return Result<HoldGrant>.Ok(Grant(holdId, allocation));
    }

    /// <summary>Puts a refunded sale back on sale; false when there was no such sale.</summary>
    public bool ReturnSold(string holdId)
    {
        if (!_state.Allocations.TryGetValue(holdId, out var allocation) || allocation.Status != AllocationStatus.Sold)
        {
            return false;
        }

        Remove(holdId, allocation);
        return true;
    }

    /// <summary>Releases every hold whose time is up and returns their ids.</summary>
    public List<string> SweepExpired(DateTimeOffset now)
    {
        var expired = new List<string>();
        foreach (var (holdId, allocation) in _state.Allocations)
        {
            if (allocation.Status == AllocationStatus.Held && allocation.ExpiresAt <= now)
            {
                expired.Add(holdId);
            }
        }

        foreach (var holdId in expired)
        {
            Remove(holdId, _state.Allocations[holdId]);
        }

        return expired;
    }

    public BlockCancellation CancelAll()
    {
        _state.Closed = true;
        var held = _state.Allocations.Where(a => a.Value.Status == AllocationStatus.Held).Select(a => a.Key).ToList();
        var sold = _state.Allocations.Where(a => a.Value.Status == AllocationStatus.Sold).Select(a => a.Key).ToImmutableArray();
        foreach (var holdId in held)
        {
            Remove(holdId, _state.Allocations[holdId]);
        }

        return new([.. held.Where(id => !IsReservation(id))], sold);
    }

    public DateTimeOffset? NextExpiry() =>
        _state.Allocations.Values.Where(a => a.Status == AllocationStatus.Held)
            .Select(a => (DateTimeOffset?)a.ExpiresAt).Min();
}
