namespace Tiketi.Orders;

/// <summary>
/// The per-buyer limit over a buyer grain's records, whose "held" may be stale (the orders' notices
/// are one-way and not written down). Paid counts for ever, held until its expiry; a record still
/// "held" may since have been paid (counts) or released (does not), so <see cref="MostUsed"/> counts it
/// whatever its expiry: when even that leaves room, no order need be asked. Otherwise the held ones
/// are asked for their truth and <see cref="Used"/> counts exactly.
/// </summary>
public static class BuyerLimit
{
    /// <summary>Ended holds kept beyond those that count (their idempotency keys with them); older ones are dropped.</summary>
    public const int EndedHoldsKept = 50;

    public static int MostUsed(IReadOnlyDictionary<string, BuyerOrder> orders) =>
        orders.Values.Where(o => o.Status is OrderStatus.Paid or OrderStatus.Held).Sum(o => o.Quantity);

    public static int Used(IReadOnlyDictionary<string, BuyerOrder> orders, DateTimeOffset now) =>
        orders.Values.Where(o => o.Counts(now)).Sum(o => o.Quantity);

    /// <summary>Orders that may not be what the record says: those still recorded as held.</summary>
    public static List<string> Uncertain(IReadOnlyDictionary<string, BuyerOrder> orders) =>
        [.. orders.Where(o => o.Value.Status == OrderStatus.Held).Select(o => o.Key)];

    /// <summary>
    /// Drops the oldest expired or released holds beyond <see cref="EndedHoldsKept"/>, so a buyer who holds
    /// and lets go all sale long does not grow the record (and every write of it) without bound.
    /// </summary>
    public static void Prune(Dictionary<string, BuyerOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var ended = orders.Where(o => o.Value.Status is OrderStatus.Expired or OrderStatus.Released).ToList();
        foreach (var (orderId, _) in ended.OrderBy(o => o.Value.HoldExpiresAt).Take(ended.Count - EndedHoldsKept))
        {
            orders.Remove(orderId);
        }
    }
}
