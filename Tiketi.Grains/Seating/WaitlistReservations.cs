using Tiketi.Common;
using Tiketi.Waitlist;

namespace Tiketi.Seating;

/// <summary>
/// The waitlist's reservations in one block (issue #10): seats of a wanted category that come free stay held,
/// by the waitlist, in the same change that freed them, so no other buyer can take them first. A reservation
/// is an allocation held by <see cref="Holder"/> that expires after <see cref="Guard"/>; the ordinary expiry
/// sweep then puts its seats back on sale, so seats never stick if the waitlist fails. <see cref="SeatInventory"/>
/// decides when seats come free and moves them; this class says whether they are reserved and hands
/// reservations on to buyers.
/// </summary>
public sealed class WaitlistReservations(SeatBlockState state, HoldTable holds, BlockChanges changes)
{
    /// <summary>Not a valid id (ids have no '~'), so no buyer can ever be this holder.</summary>
    public const string Holder = "~waitlist";

    private const string Prefix = "wl-";

    private readonly List<string> _new = [];

    /// <summary>Long enough for the waitlist to make its offers, short enough that lost seats return quickly.</summary>
    public static TimeSpan Guard { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether reservations were made since the last <see cref="TakeNew"/>.</summary>
    public bool HasNew => _new.Count > 0;

    public static bool IsReservation(string holdId) => holdId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Marks a category wanted or not; false when nothing changed (or the category is not sold here).</summary>
    public bool SetWanted(string categoryId, bool wanted)
    {
        var changed = state.CategoryIds.Contains(categoryId)
            && (wanted ? state.WaitlistCategories.Add(categoryId) : state.WaitlistCategories.Remove(categoryId));
        if (changed)
        {
            changes.WaitlistSet();
        }

        return changed;
    }

    /// <summary>Whether seats of <paramref name="category"/> freed from <paramref name="freed"/> become a reservation.</summary>
    public bool Reserves(Allocation freed, byte category) =>
        !state.Closed && freed.BuyerId != Holder && state.WaitlistCategories.Count > 0 && state.WaitlistCategories.Contains(state.CategoryIds[category]);

    /// <summary>
    /// A new reservation of <paramref name="seats"/> (or <paramref name="quantity"/> places) of a category; the
    /// caller adds it and moves its seats. It cannot lapse until <see cref="TakeNew"/> gives it its guard time,
    /// which the grain does before the turn ends.
    /// </summary>
    public (string Id, Allocation Reservation) Create(byte category, int[] seats, int quantity)
    {
        var id = Prefix + Guid.NewGuid().ToString("N");
        _new.Add(id);
        return (id, new Allocation
        {
            BuyerId = Holder,
            Status = AllocationStatus.Held,
            Category = category,
            Seats = seats,
            Quantity = quantity,
            ExpiresAt = DateTimeOffset.MaxValue,
        });
    }

    /// <summary>Gives the reservations made since the last call their guard time and says what they hold.</summary>
    public List<WaitlistReservation> TakeNew(DateTimeOffset guardUntil)
    {
        if (_new.Count == 0)
        {
            return [];
        }

        var taken = new List<WaitlistReservation>(_new.Count);
        foreach (var id in _new)
        {
            if (holds.TryGet(id, out var reservation))
            {
                holds.SetExpiry(id, reservation, guardUntil);
                taken.Add(new WaitlistReservation(state.Definition!.Id, id, state.CategoryIds[reservation.Category], reservation.Size));
            }
        }

        _new.Clear();
        return taken;
    }

    /// <summary>
    /// Moves <paramref name="command"/>'s quantity of a reservation to a new hold of the buyer (the seats stay
    /// held, no count moves) and returns that hold; the best seats of the reservation go first.
    /// </summary>
    public Result<Allocation> Claim(string reservationId, HoldCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!holds.TryGet(reservationId, out var reservation) || reservation.BuyerId != Holder || reservation.ExpiresAt <= now)
        {
            return Result<Allocation>.Fail(Reasons.HoldExpired, "The seats reserved for the waitlist are gone.");
        }

        var quantity = command.Selection.Quantity;
        if (command.Selection.CategoryId != state.CategoryIds[reservation.Category] || quantity < 1 || command.ExpiresAt <= now)
        {
            return Result<Allocation>.Fail(Reasons.InvalidSelection, "The offer does not match the reservation.");
        }

        if (quantity > reservation.Size)
        {
            return Result<Allocation>.Fail(Reasons.NotEnoughInventory, $"Only {reservation.Size} seats are reserved.");
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

        holds.Add(command.HoldId, hold);
        if (reservation.Size == 0)
        {
            holds.Remove(reservationId, reservation);
        }
        else
        {
            holds.Changed(reservationId);
        }

        return Result<Allocation>.Ok(hold);
    }

    /// <summary>The reservation <paramref name="reservationId"/>, if it is one and still held.</summary>
    public bool TryGet(string reservationId, out Allocation reservation) =>
        holds.TryGet(reservationId, out reservation) && reservation.BuyerId == Holder;
}
