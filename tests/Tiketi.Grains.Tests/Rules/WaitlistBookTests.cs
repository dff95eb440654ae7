using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Waitlist;

namespace Tiketi.Grains.Tests.Rules;

public sealed class WaitlistBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Join_BeyondMaxEntries_RefusedWithWaitlistFull()
    {
        var book = new WaitlistBook(new WaitlistState(), maxEntries: 2);
        Assert.True(book.Join("a", "std", 1, 4, Now).IsSuccess);
        Assert.True(book.Join("b", "std", 1, 4, Now).IsSuccess);

        Assert.Equal(Reasons.WaitlistFull, book.Join("c", "std", 1, 4, Now).Code);
        Assert.True(book.Join("a", "std", 1, 4, Now).IsSuccess);
    }

    [Fact]
    public void NextFitting_SkipsEntriesTooLargeOrOfOtherCategory_InJoinOrder()
    {
        var book = new WaitlistBook(new WaitlistState());
        book.Join("big", "std", 4, 4, Now);
        book.Join("vip", "vip", 1, 4, Now);
        book.Join("pair", "std", 2, 4, Now);
        book.Join("single", "std", 1, 4, Now);

        Assert.Equal("pair", book.NextFitting("std", 2, new HashSet<string>())!.BuyerId);
        Assert.Equal("single", book.NextFitting("std", 2, new HashSet<string> { "pair" })!.BuyerId);
        Assert.Null(book.NextFitting("std", 0, new HashSet<string>()));
        Assert.Equal(2, book.Status("ev", "pair").Place!.Position);
    }

    [Fact]
    public void OfferEnded_CountsOnceAsTakenOrLapsed()
    {
        var state = new WaitlistState();
        var book = new WaitlistBook(state);
        book.Join("a", "std", 1, 4, Now);
        book.Join("b", "std", 1, 4, Now);
        book.Offered(book.Find("a")!, "order-a", Now.AddMinutes(7), Now);
        book.Offered(book.Find("b")!, "order-b", Now.AddMinutes(7), Now);

        Assert.True(book.OfferEnded("order-a", OrderStatus.Paid));
        Assert.False(book.OfferEnded("order-a", OrderStatus.Refunded));
        Assert.True(book.OfferEnded("order-b", OrderStatus.Expired));
        Assert.False(book.OfferEnded("unknown", OrderStatus.Expired));

        var audit = book.Audit("ev");
        Assert.Equal((2L, 0L, 2L, 1L, 1L), (audit.Joined, audit.Waiting, audit.OffersMade, audit.OffersTaken, audit.OffersLapsed));
    }
}
