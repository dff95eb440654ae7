using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Waitlist;

namespace Tiketi.Seating;

/// <summary>
/// The rules of one block, free of Orleans: hold, release, confirm, return, expire, cancel, and (through
/// <see cref="WaitlistReservations"/>) the waitlist's reservations. Each command changes the state it is given
/// in O(seats touched): the counts per category (<see cref="CategoryCounts"/>), the expiry order
/// (<see cref="HoldTable"/>) and the audit counters (<see cref="BlockAuditCounters"/>) move with the change,
/// and the change is noted twice, as seat changes for the next published delta and as <see cref="Changes"/>
/// for the next journal record.
/// </summary>
public sealed class SeatInventory
{
    /// <summary>Who holds the waitlist's reservations (<see cref="WaitlistReservations.Holder"/>).</summary>
    public const string WaitlistHolder = WaitlistReservations.Holder;

    private readonly SeatBlockState _state;
    private readonly HoldTable _holds;
    private readonly BlockAuditCounters _audit;
    private readonly WaitlistReservations _waitlist;
    private readonly List<SeatChange> _seatChanges = [];
    private SeatGrid? _grid;
    private CategoryCounts _counts;

    /// <summary>Takes over <paramref name="state"/> (new, or as its journal rebuilt it) and derives its seats and counts.</summary>
    public SeatInventory(SeatBlockState state)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _holds = new HoldTable(state.Allocations, Changes);
        _audit = new BlockAuditCounters(state, SeatsPerCategory, Changes);
        _waitlist = new WaitlistReservations(state, _holds, Changes);
        _counts = Derive();
    }

    /// <summary>What the next journal record must carry.</summary>
    public BlockChanges Changes { get; } = new();

    public bool IsConfigured => _state.Definition is not null;

    /// <summary>Whether the next delta has something to say: seats changed, or general-admission counts did.</summary>
    public bool HasChanges => _seatChanges.Count > 0 || CountsChanged;

    /// <summary>Set by any change to general-admission counts, which have no per-seat change.</summary>
    public bool CountsChanged { get; private set; }

    /// <summary>Whether anything is held (waitlist reservations included), so something must expire it.</summary>
    public bool HasHolds => _holds.Held > 0;

    /// <summary>Buyers' live holds in this block.</summary>
    public int BuyerHolds => _holds.BuyerHolds;

    /// <summary>How long a waitlist reservation holds its seats (<see cref="WaitlistReservations.Guard"/>).</summary>
    public static TimeSpan ReservationGuard => WaitlistReservations.Guard;

    /// <summary>Whether reservations were made since the last <see cref="TakeNewReservations"/>.</summary>
    public bool HasNewReservations => _waitlist.HasNew;

    public static bool IsReservation(string holdId) => WaitlistReservations.IsReservation(holdId);

    public Result Configure(BlockDefinition block, IReadOnlyList<string> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(categoryIds);
        if (_holds.Count > 0)
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
        _counts = Derive();
        Changes.LayoutSet();
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

        if (_holds.TryGet(command.HoldId, out var existing))
        {
            // A retried hold command gets the same answer instead of a second hold, and is not counted again.
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
        Take(command.HoldId, allocation);
        _audit.Record(HoldEvent.Placed, allocation);
        return Result<HoldGrant>.Ok(Grant(command.HoldId, allocation));
    }

    /// <summary>Drops a hold; returns false when there was no such hold (an idempotent no-op).</summary>
    public bool Release(string holdId, ReleaseReason reason = ReleaseReason.BuyerReleased)
    {
        if (!_holds.TryGet(holdId, out var allocation) || allocation.Status != AllocationStatus.Held)
        {
            return false;
        }

        _audit.Record(reason switch
        {
            ReleaseReason.BuyerReleased => HoldEvent.ReleasedByBuyer,
            ReleaseReason.ForcedByAdmin => HoldEvent.ReleasedByAdmin,
            ReleaseReason.Expired => HoldEvent.Expired,
            _ => HoldEvent.ReleasedOther,
        }, allocation);
        Free(holdId, allocation);
        return true;
    }

    public Result<HoldGrant> Confirm(string holdId, DateTimeOffset now)
    {
        if (!_holds.TryGet(holdId, out var allocation))
        {
            return Result<HoldGrant>.Fail(Reasons.HoldExpired, "The hold has expired or was released.");
        }

        if (allocation.Status == AllocationStatus.Held)
        {
            if (allocation.ExpiresAt <= now)
            {
                // Confirming a hold past its time drops it: that hold expired, it was not sold.
                _audit.Record(HoldEvent.Expired, allocation);
                Free(holdId, allocation);
                return Result<HoldGrant>.Fail(Reasons.HoldExpired, "The hold has expired.");
            }

            _holds.MarkSold(holdId, allocation);
            Occupy(allocation, SeatStatus.Held);
            _audit.Record(HoldEvent.Sold, allocation);
        }

        return Result<HoldGrant>.Ok(Grant(holdId, allocation));
    }

    /// <summary>Puts a refunded sale back on sale; false when there was no such sale.</summary>
    public bool ReturnSold(string holdId)
    {
        if (!_holds.TryGet(holdId, out var allocation) || allocation.Status != AllocationStatus.Sold)
        {
            return false;
        }

        _audit.Record(HoldEvent.Returned, allocation);
        Free(holdId, allocation);
        return true;
    }

    /// <summary>Releases every hold whose time is up and returns their ids; reads only those due.</summary>
    public List<string> SweepExpired(DateTimeOffset now)
    {
        var expired = _holds.Due(now);
        foreach (var holdId in expired)
        {
            _holds.TryGet(holdId, out var allocation);
            _audit.Record(HoldEvent.Expired, allocation);
            Free(holdId, allocation);
        }

        return expired;
    }

    /// <summary>Closes the block, releases every hold and reports what was held and sold. Reads every allocation: a cancellation is rare.</summary>
    public BlockCancellation CancelAll()
    {
        _state.Closed = true;
        Changes.ClosedSet();
        var held = _holds.All.Where(a => a.Value.Status == AllocationStatus.Held).Select(a => a.Key).ToList();
        var sold = _holds.All.Where(a => a.Value.Status == AllocationStatus.Sold).Select(a => a.Key).ToImmutableArray();
        foreach (var holdId in held)
        {
            _holds.TryGet(holdId, out var allocation);
            _audit.Record(HoldEvent.ReleasedOther, allocation);
            Free(holdId, allocation);
        }

        return new([.. held.Where(id => !IsReservation(id))], sold);
    }

    public DateTimeOffset? NextExpiry() => _holds.NextExpiry;

    /// <summary>Marks a category wanted by the waitlist or not; false when nothing changed (or the category is not sold here).</summary>
    public bool SetWaitlistWanted(string categoryId, bool wanted) => _waitlist.SetWanted(categoryId, wanted);

    /// <summary>Gives the reservations made since the last call their guard time and says what they hold.</summary>
    public List<WaitlistReservation> TakeNewReservations(DateTimeOffset guardUntil) => _waitlist.TakeNew(guardUntil);

    /// <summary>Moves <paramref name="command"/>'s quantity of a reservation to the buyer's new hold; the seats never become available.</summary>
    public Result<HoldGrant> ClaimReservation(string reservationId, HoldCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_holds.TryGet(command.HoldId, out var existing))
        {
            return existing.BuyerId == command.BuyerId
                ? Result<HoldGrant>.Ok(Grant(command.HoldId, existing))
                : Result<HoldGrant>.Fail(Reasons.InvalidSelection, "That hold id is already in use.");
        }

        var claimed = _waitlist.Claim(reservationId, command, now);
        return claimed.IsSuccess
            ? Result<HoldGrant>.Ok(Grant(command.HoldId, claimed.Value!))
            : Result<HoldGrant>.From(new Result(claimed.Code, claimed.Message));
    }

    /// <summary>Puts what is left of a reservation on sale; false when there is none.</summary>
    public bool ReleaseReservation(string reservationId)
    {
        if (!_waitlist.TryGet(reservationId, out var reservation))
        {
            return false;
        }

        Free(reservationId, reservation);
        return true;
    }

    /// <summary>
    /// Closes a batch before its write: stamps when categories ran out, moves the version, and hands over
    /// what the batch's delta publishes. The journal record then takes <see cref="Changes"/>.
    /// </summary>
    public (long Version, ImmutableArray<SeatChange> Seats, ImmutableDictionary<string, InventoryCounts> Counts) SealBatch(DateTimeOffset now)
    {
        var counts = Counts();
        _audit.Observe(counts, now);
        _state.Version++;
        return (_state.Version, TakeChanges(), counts);
    }

    /// <summary>Seat changes since the last call, for the next published delta.</summary>
    public ImmutableArray<SeatChange> TakeChanges()
    {
        var changes = _seatChanges.ToImmutableArray();
        _seatChanges.Clear();
        CountsChanged = false;
        return changes;
    }

    public ImmutableDictionary<string, InventoryCounts> Counts() => _counts.ToDictionary(_state.CategoryIds);

    /// <summary>Every allocation; O(allocations), for audits and invariant checks.</summary>
    public ImmutableArray<AllocationView> Allocations() =>
        [.. _holds.All.Select(a => new AllocationView(a.Key, a.Value.BuyerId, a.Value.Status, Items(a.Value), a.Value.ExpiresAt))];

    public BlockAudit Audit(string eventId, string blockId) => _audit.Snapshot(eventId, blockId, Counts());

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

    /// <summary>The grid, seats, area capacity and counts that follow from the layout and the allocations: O(seats + allocations), on activation and layout changes only.</summary>
    private CategoryCounts Derive()
    {
        var definition = _state.Definition;
        _grid = definition is { Kind: BlockKind.Reserved } ? BlockLayout.BuildGrid(definition, _state.CategoryIds) : null;
        _state.Seats = new byte[_grid?.SeatCount ?? 0];
        _state.AreaCapacity = new int[_state.CategoryIds.Count];
        var counts = new CategoryCounts(_state.CategoryIds.Count);
        if (_grid is not null)
        {
            foreach (var allocation in _state.Allocations.Values)
            {
                foreach (var seat in allocation.Seats)
                {
                    _state.Seats[seat] = (byte)SeatStatusOf(allocation.Status);
                }
            }

            for (var seat = 0; seat < _state.Seats.Length; seat++)
            {
                // A blocked seat is on the map but in no count: it is not part of what the block sells.
                if ((_grid.Marks[seat] & SeatMark.Blocked) != 0)
                {
                    _state.Seats[seat] = (byte)SeatStatus.Blocked;
                    continue;
                }

                counts.Add(_grid.Categories[seat], (SeatStatus)_state.Seats[seat], 1);
                if (!_grid.IsPickable(seat) && _state.Seats[seat] == (byte)SeatStatus.Available)
                {
                    counts.MoveAccessible(_grid.Categories[seat], 1);
                }
            }
        }
        else if (definition is not null)
        {
            foreach (var area in definition.Capacities)
            {
                _state.AreaCapacity[_state.CategoryIds.IndexOf(area.CategoryId)] += area.Capacity;
            }

            for (var c = 0; c < _state.AreaCapacity.Length; c++)
            {
                counts.Add(c, SeatStatus.Available, _state.AreaCapacity[c]);
            }

            foreach (var allocation in _state.Allocations.Values)
            {
                counts.Move(allocation.Category, SeatStatus.Available, SeatStatusOf(allocation.Status), allocation.Quantity);
            }
        }

        return counts;
    }

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

            var blocked = seats.FirstOrDefault(s => _state.Seats[s] == (byte)SeatStatus.Blocked, -1);
            if (blocked >= 0)
            {
                return Result<Allocation>.Fail(Reasons.SeatNotForSale, $"Seat {grid.SeatId(blocked)} is not for sale.");
            }

            var alone = seats.FirstOrDefault(s => grid.PartnerOf(s) is var partner && partner >= 0 && Array.IndexOf(seats, partner) < 0, -1);
            if (alone >= 0)
            {
                var (space, companion) = (grid.Marks[alone] & SeatMark.Wheelchair) != 0 ? (alone, grid.PartnerOf(alone)) : (grid.PartnerOf(alone), alone);
                return Result<Allocation>.Fail(
                    Reasons.WheelchairPairSplit,
                    $"Wheelchair space {grid.SeatId(space)} and companion seat {grid.SeatId(companion)} are sold together; choose both.");
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

        var available = _counts.Available(category);
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

    /// <summary>A new allocation takes its seats (or places) from whatever state they are in.</summary>
    private void Take(string holdId, Allocation allocation)
    {
        _holds.Add(holdId, allocation);
        Occupy(allocation, SeatStatus.Available);
    }

    private void Take((string HoldId, Allocation Allocation) made) => Take(made.HoldId, made.Allocation);

    /// <summary>Moves the allocation's seats (or places) from <paramref name="from"/> to its own status; reserved seats move from wherever they are.</summary>
    private void Occupy(Allocation allocation, SeatStatus from)
    {
        var to = SeatStatusOf(allocation.Status);
        if (allocation.Quantity > 0)
        {
            _counts.Move(allocation.Category, from, to, allocation.Quantity);
            CountsChanged = true;
        }
        else
        {
            SetSeats(allocation.Seats, to);
        }
    }

    /// <summary>Forgets an allocation: its seats of categories the waitlist wants become reservations (one per category), the rest go back on sale.</summary>
    private void Free(string holdId, Allocation freed)
    {
        _holds.Remove(holdId, freed);
        if (freed.Quantity > 0)
        {
            // General admission: places moved to the waitlist stay counted as held.
            _counts.Move(freed.Category, SeatStatusOf(freed.Status), SeatStatus.Available, freed.Quantity);
            CountsChanged = true;
            if (_waitlist.Reserves(freed, freed.Category))
            {
                Take(_waitlist.Create(freed.Category, [], freed.Quantity));
            }

            return;
        }

        if (_state.WaitlistCategories.Count == 0)
        {
            SetSeats(freed.Seats, SeatStatus.Available);
            return;
        }

        // Wheelchair spaces and companion seats go back on sale for whoever needs them: the waitlist
        // offers quantities, which could split a pair.
        foreach (var group in freed.Seats.GroupBy(s => _grid!.IsPickable(s) ? _grid.Categories[s] : -1))
        {
            if (group.Key >= 0 && _waitlist.Reserves(freed, (byte)group.Key))
            {
                // A refunded sale's seats show held (by the waitlist) from now on; held ones stay held.
                Take(_waitlist.Create((byte)group.Key, [.. group.Order()], 0));
            }
            else
            {
                SetSeats([.. group], SeatStatus.Available);
            }
        }
    }

    /// <summary>Sets seats to <paramref name="status"/>, moving the counts and noting each seat that changed.</summary>
    private void SetSeats(int[] seats, SeatStatus status)
    {
        foreach (var seat in seats)
        {
            var from = (SeatStatus)_state.Seats[seat];
            if (from != status)
            {
                _state.Seats[seat] = (byte)status;
                _counts.Move(_grid!.Categories[seat], from, status, 1);
                if (!_grid.IsPickable(seat))
                {
                    // Only wheelchair spaces and companion seats change state among the unpickable: blocked seats never do.
                    _counts.MoveAccessible(_grid.Categories[seat], status == SeatStatus.Available ? 1 : from == SeatStatus.Available ? -1 : 0);
                }

                _seatChanges.Add(new SeatChange(seat, status));
            }
        }
    }

    private static SeatStatus SeatStatusOf(AllocationStatus status) => status == AllocationStatus.Sold ? SeatStatus.Sold : SeatStatus.Held;

    private HoldGrant Grant(string holdId, Allocation allocation) =>
        new(holdId, _state.Definition!.Id, Items(allocation), allocation.ExpiresAt);

    private ImmutableArray<HeldItem> Items(Allocation allocation) => allocation.Quantity > 0
        ? [new HeldItem(null, _state.CategoryIds[allocation.Category], allocation.Quantity)]
        : [.. allocation.Seats.Select(s => new HeldItem(_grid!.SeatId(s), _state.CategoryIds[_grid.Categories[s]], 1))];
}
