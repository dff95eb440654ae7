using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Waitlist;

/// <summary>
/// The rules of one waitlist, free of Orleans: who may join, who is offered a chunk of freed seats, and
/// what the audit counts. Seats are offered to the first entry in join order whose quantity fits the
/// chunk; an entry that does not fit keeps its place for a later, larger chunk.
/// </summary>
public sealed class WaitlistBook(WaitlistState state, int maxEntries = WaitlistBook.DefaultMaxEntries)
{
    /// <summary>
    /// Every join rewrites the waitlist's state, so it is bounded; more buyers than this could not be
    /// served by the seats a sold-out sale gets back anyway.
    /// </summary>
    public const int DefaultMaxEntries = 5_000;

    public bool Closed => state.Closed;

    public Result<WaitlistEntry> Join(string buyerId, string categoryId, int quantity, int perBuyerLimit, DateTimeOffset now)
    {
        if (quantity < 1 || quantity > perBuyerLimit)
        {
            return Result<WaitlistEntry>.Fail(Reasons.WaitlistQuantityInvalid, $"Wait for between 1 and {perBuyerLimit} tickets.");
        }

        if (Find(buyerId) is { } existing)
        {
            // Same wish again (a retry, a second tab): the same place. A different wish must leave first,
            // so changing one's mind never jumps the line.
            return existing.CategoryId == categoryId && existing.Quantity == quantity
                ? Result<WaitlistEntry>.Ok(existing)
                : Result<WaitlistEntry>.Fail(Reasons.AlreadyWaitlisted, "You are already on the waitlist for another wish; leave it first.");
        }

        if (state.Entries.Count >= maxEntries)
        {
            return Result<WaitlistEntry>.Fail(Reasons.WaitlistFull, $"The waitlist is full ({maxEntries} buyers).");
        }

        var entry = new WaitlistEntry { BuyerId = buyerId, CategoryId = categoryId, Quantity = quantity, JoinedAt = now };
        state.Entries.Add(entry);
        state.Joined++;
        return Result<WaitlistEntry>.Ok(entry);
    }

    public bool Leave(string buyerId) => state.Entries.RemoveAll(e => e.BuyerId == buyerId) > 0;

    public WaitlistEntry? Find(string buyerId) => state.Entries.Find(e => e.BuyerId == buyerId);

    /// <summary>The first entry in join order for the category that fits <paramref name="available"/> and was not tried.</summary>
    public WaitlistEntry? NextFitting(string categoryId, int available, IReadOnlySet<string> tried) =>
        state.Entries.Find(e => e.CategoryId == categoryId && e.Quantity <= available && !tried.Contains(e.BuyerId));

    /// <summary>The entry became an offer: it leaves the line (its order now counts against the buyer's limit).</summary>
    public void Offered(WaitlistEntry entry, string orderId, DateTimeOffset holdExpiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.Entries.Remove(entry);
        state.Offers[orderId] = new WaitlistOffer
        {
            BuyerId = entry.BuyerId,
            CategoryId = entry.CategoryId,
            Quantity = entry.Quantity,
            HoldExpiresAt = holdExpiresAt,
            Outcome = WaitlistOfferOutcome.Open,
            OfferedAt = now,
        };
        state.OffersMade++;
    }

    /// <summary>Counts an offer's end once: paid is taken, any other end of the hold is a lapse. False when nothing changed.</summary>
    public bool OfferEnded(string orderId, OrderStatus status)
    {
        if (!state.Offers.TryGetValue(orderId, out var offer) || offer.Outcome != WaitlistOfferOutcome.Open || status == OrderStatus.Held)
        {
            return false;
        }

        var taken = status is OrderStatus.Paid or OrderStatus.Refunded;
        offer.Outcome = taken ? WaitlistOfferOutcome.Taken : WaitlistOfferOutcome.Lapsed;
        _ = taken ? state.OffersTaken++ : state.OffersLapsed++;
        return true;
    }

    /// <summary>Categories someone still waits for.</summary>
    public HashSet<string> WantedNow() => state.Closed ? [] : [.. state.Entries.Select(e => e.CategoryId)];

    public void Close()
    {
        state.Closed = true;
        state.Entries.Clear();
    }

    public WaitlistStatus Status(string eventId, string buyerId)
    {
        WaitlistPlace? place = null;
        if (Find(buyerId) is { } entry)
        {
            var position = state.Entries.TakeWhile(e => e != entry).Count(e => e.CategoryId == entry.CategoryId) + 1;
            place = new WaitlistPlace(entry.CategoryId, entry.Quantity, position, entry.JoinedAt);
        }

        var offer = state.Offers.Where(o => o.Value.BuyerId == buyerId).OrderByDescending(o => o.Value.OfferedAt)
            .Select(o => new WaitlistOfferView(o.Key, o.Value.CategoryId, o.Value.Quantity, o.Value.HoldExpiresAt, o.Value.Outcome))
            .FirstOrDefault();
        return new WaitlistStatus(eventId, place, offer);
    }

    public Audit.WaitlistAudit Audit(string eventId) =>
        new(eventId, state.Joined, state.Entries.Count, state.OffersMade, state.OffersTaken, state.OffersLapsed);
}
