namespace Tiketi.Orders;

/// <summary>The persisted purchases of one buyer for one event.</summary>
[GenerateSerializer, Alias("tiketi.BuyerState")]
public sealed class BuyerState
{
    [Id(0)] public Dictionary<string, BuyerOrder> Orders { get; set; } = [];
}

[GenerateSerializer, Alias("tiketi.BuyerOrder")]
public sealed partial class BuyerOrder
{
    [Id(0)] public OrderStatus Status { get; set; }

    [Id(1)] public int Quantity { get; set; }

    [Id(2)] public DateTimeOffset HoldExpiresAt { get; set; }

    /// <summary>Whether the order still counts against the per-buyer limit at <paramref name="now"/>.</summary>
    public bool Counts(DateTimeOffset now) =>
        Status == OrderStatus.Paid || (Status == OrderStatus.Held && HoldExpiresAt > now);
}
