using Tiketi.Common;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Waitlist;

/// <summary>Who may join the waitlist, and for how many tickets.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class WaitlistJoinTests(SaleClusterFixture fixture)
{
    private readonly WaitlistSale _sale = new(fixture);

    [Fact]
    public async Task Join_SeatsStillAvailable_RefusedWithSeatsAvailable()
    {
        await _sale.CreateAsync(seats: 2);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.AvailableAsync(1);

        var joined = await _sale.Waitlist.JoinAsync("waiter", "std", 1);

        Assert.Equal(Reasons.SeatsAvailable, joined.Code);
        Assert.Null((await _sale.Waitlist.GetStatusAsync("waiter")).Place);
    }

    [Fact]
    public async Task Join_OnlyAWheelchairPairLeft_IsAllowed_ThePairIsNotForTheWaitlist()
    {
        await _sale.CreateWithWheelchairPairAsync(seats: 4);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 2));
        await _sale.AvailableAsync(2);

        var joined = await _sale.Waitlist.JoinAsync("waiter", "std", 1);

        Assert.True(joined.IsSuccess, joined.Message);
        var counts = (await fixture.Client.GetGrain<Tiketi.Events.IEventGrain>(_sale.EventId).GetSummaryAsync())!.ByCategory["std"];
        Assert.Equal((2, 2, 0), (counts.Available, counts.AccessibleAvailable, counts.OpenAvailable));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task Join_QuantityOutsideOneToLimit_RefusedWithQuantityInvalid(int quantity)
    {
        await _sale.CreateAsync(seats: 1, limit: 2);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();

        Assert.Equal(Reasons.WaitlistQuantityInvalid, (await _sale.Waitlist.JoinAsync("waiter", "std", quantity)).Code);
        Assert.True((await _sale.Waitlist.JoinAsync("waiter", "std", 2)).IsSuccess);
    }

    [Fact]
    public async Task Join_AgainWithSameWishKeepsPlace_DifferentWishRefused()
    {
        await _sale.CreateAsync(seats: 1);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("early", 1);
        await _sale.JoinAsync("late", 1);

        var again = await _sale.Waitlist.JoinAsync("early", "std", 1);
        var changed = await _sale.Waitlist.JoinAsync("early", "std", 2);

        Assert.Equal(1, again.Value!.Place!.Position);
        Assert.Equal(Reasons.AlreadyWaitlisted, changed.Code);
        Assert.Equal(2, (await _sale.Waitlist.GetAuditAsync()).Joined);
    }

    [Fact]
    public async Task Join_BuyerAlreadyAtLimit_RefusedWithLimitReached()
    {
        await _sale.CreateAsync(seats: 2, limit: 2);
        await _sale.HoldAsync("has-two", HoldSelection.Best("std", 2));
        await _sale.SoldOutAsync();

        Assert.Equal(Reasons.LimitReached, (await _sale.Waitlist.JoinAsync("has-two", "std", 1)).Code);
        Assert.True((await _sale.Waitlist.JoinAsync("has-none", "std", 2)).IsSuccess);
    }

    [Fact]
    public async Task Join_UnknownCategory_Refused()
    {
        await _sale.CreateAsync(seats: 1);

        Assert.Equal(Reasons.UnknownCategory, (await _sale.Waitlist.JoinAsync("waiter", "vip", 1)).Code);
    }

    [Fact]
    public async Task SaleClosed_WaitlistClosesAndSeatsGoBackOnSale()
    {
        await _sale.CreateAsync(seats: 1);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 1);

        Assert.True((await fixture.Client.GetGrain<Tiketi.Events.IEventGrain>(_sale.EventId).CloseSaleAsync()).IsSuccess);

        // The event tells the waitlist itself: the waiting buyer's place ends without anyone else calling.
        await Eventually.TrueAsync(async () => (await _sale.Waitlist.GetStatusAsync("waiter")).Place is null, TimeSpan.FromSeconds(5));
        Assert.Equal(Reasons.SaleClosed, (await _sale.Waitlist.JoinAsync("other", "std", 1)).Code);
        Assert.Equal(0, (await _sale.Waitlist.GetAuditAsync()).Waiting);
    }
}
