namespace Tiketi.Orders;

/// <summary>
/// The buyer grain's record of one order. <see cref="Status"/> is what the buyer grain last heard: it is
/// written with the hold and then kept current in memory from the orders' notices, so a stored "held"
/// may since have been paid or ended; <see cref="BuyerLimit"/> counts with that in mind.
/// </summary>
[GenerateSerializer, Alias("tiketi.BuyerOrder")]
public sealed class BuyerOrder
{
    [Id(0)] public OrderStatus Status { get; set; }

    [Id(1)] public int Quantity { get; set; }

    [Id(2)] public DateTimeOffset HoldExpiresAt { get; set; }

    /// <summary>Set when the waitlist offered this hold, so its end (paid or lapsed) is reported back to it.</summary>
    [Id(30)] public bool FromWaitlist { get; set; }

    /// <summary>Whether the order still counts against the per-buyer limit at <paramref name="now"/>.</summary>
    public bool Counts(DateTimeOffset now) =>
        Status == OrderStatus.Paid || (Status == OrderStatus.Held && HoldExpiresAt > now);
}
