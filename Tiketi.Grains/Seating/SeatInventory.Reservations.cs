using Tiketi.Common;
using Tiketi.Waitlist;

namespace Tiketi.Seating;

/// <summary>
/// Waitlist reservations: seats of a wanted category that come free stay held, by the waitlist, in the
/// same change that freed them, so no other buyer can take them first. A reservation is an allocation
/// held by <see cref="WaitlistHolder"/> that expires after <see cref="ReservationGuard"/>; the ordinary
/// expiry sweep then puts its seats back on sale, so seats never stick if the waitlist fails.
/// </summary>
public sealed partial class SeatInventory
{
    /// <summary>Not a valid id (ids have no '~'), so no buyer can ever be this holder.</summary>
    public const string WaitlistHolder = "~waitlist";

    /// <summary>Long enough for the waitlist to make its offers, short enough that lost seats return quickly.</summary>
    public static readonly TimeSpan ReservationGuard = TimeSpan.FromSeconds(30);

    private const string ReservationPrefix = "wl-";
    private readonly List<string> _newReservations = [];

    /// <summary>Whether reservations were made since the last <see cref="TakeNewReservations"/>: a write is due even if no seat changed.</summary>
    public bool HasNewReservations => _newReservations.Count > 0;

    public static bool IsReservation(string holdId) => holdId?.StartsWith(ReservationPrefix, StringComparison.Ordinal) == true;

    /// <summary>Marks a category wanted or not; false when nothing changed (or the category is not sold here).</summary>
    public bool SetWaitlistWanted(string categoryId, bool wanted) =>
        _state.CategoryIds.Contains(categoryId)
        && (wanted ? _state.WaitlistCategories.Add(categoryId) : _state.WaitlistCategories.Remove(categoryId));

    /// <summary>Gives the reservations made since the last call their guard time and says what they hold.</summary>
    public List<WaitlistReservation> TakeNewReservations(DateTimeOffset guardUntil)
    {
        var taken = new List<WaitlistReservation>(_newReservations.Count);
        foreach (var id in _newReservations)
        {
            if (_state.Allocations.TryGetValue(id, out var reservation))
            {
                reservation.ExpiresAt = guardUntil;
                taken.Add(new WaitlistReservation(_state.Definition!.Id, id, _state.CategoryIds[reservation.Category], Size(reservation)));
            }
        }

        _newReservations.Clear();
        return taken;
    }

    /// <summary>Moves <paramref name="command"/>'s quantity of a reservation to the buyer's new hold; the seats never become available.</summary>
    public Result<HoldGrant> ClaimReservation(string reservationId, HoldCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_state.Allocations.TryGetValue(command.HoldId, out var existing))
        {
            return existing.BuyerId == command.BuyerId
                ? Result<HoldGrant>.Ok(Grant(command.HoldId, existing))
                : Result<HoldGrant>.Fail(Reasons.InvalidSelection, "That hold id is already in use.");
        }

        if (!_state.Allocations.TryGetValue(reservationId, out var reservation) || reservation.BuyerId != WaitlistHolder || reservation.ExpiresAt <= now)
        {
            return Result<HoldGrant>.Fail(Reasons.HoldExpired, "The seats reserved for the waitlist are gone.");
        }

        var quantity = command.Selection.Quantity;
        if (command.Selection.CategoryId != _state.CategoryIds[reservation.Category] || quantity < 1 || command.ExpiresAt <= now)
        {
            return Result<HoldGrant>.Fail(Reasons.InvalidSelection, "The offer does not match the reservation.");
        }

        if (quantity > Size(reservation))
        {
            return Result<HoldGrant>.Fail(Reasons.NotEnoughInventory, $"Only {Size(reservation)} seats are reserved.");
        }

        var hold = new Allocation { BuyerId = command.BuyerId, Status = AllocationStatus.Held, Category = reservation.Category, ExpiresAt = command.ExpiresAt };
        if (reservation.Quantity > 0)
        {
            hold.Quantity = quantity;
            reservation.Quantity -= quantity;
        }
        else
        {
            // Seats are in row order, nearest the stage first: the offer gets the best of them.
            hold.Seats = reservation.Seats[..quantity];
            reservation.Seats = reservation.Seats[quantity..];
        }

        _state.Allocations[command.HoldId] = hold;
        if (Size(reservation) == 0)
        {
            _state.Allocations.Remove(reservationId);
        }

        return Result<HoldGrant>.Ok(Grant(command.HoldId, hold));
    }

    /// <summary>Puts what is left of a reservation on sale; false when there is none.</summary>
    public bool ReleaseReservation(string reservationId)
    {
        if (!_state.Allocations.TryGetValue(reservationId, out var reservation) || reservation.BuyerId != WaitlistHolder)
        {
            return false;
        }

        Remove(reservationId, reservation);
        return true;
    }

    /// <summary>Freed seats of wanted categories become reservations (one per category); the rest go back on sale.</summary>
    private void FreeForWaitlistOrSale(Allocation freed)
    {
        var reserve = !_state.Closed && freed.BuyerId != WaitlistHolder && _state.WaitlistCategories.Count > 0;
        if (freed.Quantity > 0)
        {
            if (reserve && Wanted(freed.Category))
            {
                // General admission: the places stay counted as held, now by the waitlist.
                AddReservation(new Allocation { Category = freed.Category, Quantity = freed.Quantity });
            }

            // Counted from allocations: held places moved holder, or sold or held places became available.
            CountsChanged = true;
            return;
        }

        var byCategory = freed.Seats.GroupBy(s => _grid!.Categories[s]);
        foreach (var group in byCategory)
        {
            if (reserve && Wanted(group.Key))
            {
                AddReservation(new Allocation { Category = group.Key, Seats = [.. group.Order()] });
                if (freed.Status == AllocationStatus.Sold)
                {
                    // A refunded sale's seats: shown held (by the waitlist) from now on.
                    SetSeats([.. group], SeatStatus.Held);
                }
            }
            else
            {
                SetSeats([.. group], SeatStatus.Available);
            }
        }
    }

    private bool Wanted(byte category) => _state.WaitlistCategories.Contains(_state.CategoryIds[category]);

    private void AddReservation(Allocation reservation)
    {
        var id = ReservationPrefix + Guid.NewGuid().ToString("N");
        reservation.BuyerId = WaitlistHolder;
        reservation.Status = AllocationStatus.Held;

        // Stamped with its guard by TakeNewReservations before this turn ends; until then it cannot lapse.
        reservation.ExpiresAt = DateTimeOffset.MaxValue;
        _state.Allocations[id] = reservation;
        _newReservations.Add(id);
    }

    private static int Size(Allocation allocation) => allocation.Quantity > 0 ? allocation.Quantity : allocation.Seats.Length;
}
