using Tiketi.Orders;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>Counting the per-buyer limit over records whose "held" may be stale.</summary>
public sealed class BuyerLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MostUsed_HeldPastExpiry_StillCountedBecauseItMayHaveBeenPaid()
    {
        var orders = Orders(("paid", OrderStatus.Paid, 1, -10), ("lapsed?", OrderStatus.Held, 2, -5), ("released", OrderStatus.Released, 3, 5));

        Assert.Equal(3, BuyerLimit.MostUsed(orders));
        Assert.Equal(1, BuyerLimit.Used(orders, Now));
        Assert.Equal(["lapsed?"], BuyerLimit.Uncertain(orders));
    }

    [Fact]
    public void Prune_ManyEndedHolds_KeepsNewestEndedAndEverythingThatCounts()
    {
        var orders = Orders([.. Enumerable.Range(0, BuyerLimit.EndedHoldsKept + 10).Select(i => ($"ended{i}", i % 2 == 0 ? OrderStatus.Expired : OrderStatus.Released, 1, i))]);
        orders["paid"] = new BuyerOrder { Status = OrderStatus.Paid, Quantity = 2, HoldExpiresAt = Now.AddMinutes(-100) };
        orders["held"] = new BuyerOrder { Status = OrderStatus.Held, Quantity = 1, HoldExpiresAt = Now.AddMinutes(-100) };
        orders["refunded"] = new BuyerOrder { Status = OrderStatus.Refunded, Quantity = 1, HoldExpiresAt = Now.AddMinutes(-100) };

        BuyerLimit.Prune(orders);

        Assert.Equal(BuyerLimit.EndedHoldsKept + 3, orders.Count);
        Assert.Contains("paid", orders.Keys);
        Assert.Contains("held", orders.Keys);
        Assert.Contains("refunded", orders.Keys);
        Assert.DoesNotContain("ended9", orders.Keys);
        Assert.Contains("ended10", orders.Keys);
    }

    private static Dictionary<string, BuyerOrder> Orders(params (string Id, OrderStatus Status, int Quantity, int ExpiresInMinutes)[] orders) =>
        orders.ToDictionary(o => o.Id, o => new BuyerOrder { Status = o.Status, Quantity = o.Quantity, HoldExpiresAt = Now.AddMinutes(o.ExpiresInMinutes) });
}
