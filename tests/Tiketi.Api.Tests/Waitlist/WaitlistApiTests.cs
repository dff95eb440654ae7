using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Tests.Live;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Api.Tests.Waitlist;

/// <summary>The waitlist over HTTP, and its offer pushed live to the buyer's browser.</summary>
[Collection(ApiCollection.Name)]
public sealed class WaitlistApiTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly LiveSale _sale = new(factory.Services.GetRequiredService<IClusterClient>());

    [Fact]
    public async Task Waitlist_SeatsReleased_BuyerConnectionReceivesOfferAndOwnsHeldOrder()
    {
        var (eventId, first) = await SoldOutEventAsync();
        var waiter = await ApiSession.NewBuyerAsync(factory);
        await using var browser = await SaleWatcher.ConnectAsync(factory, waiter.Http.DefaultRequestHeaders.Authorization!.Parameter);
        await browser.WatchAsync(eventId);

        var (joined, entry) = await waiter.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist", new { categoryId = "std", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, joined);
        Assert.Equal(1, (int)entry["place"]!["position"]!);

        await _sale.CancelAsync(first);

        await Eventually.TrueAsync(() => browser.Notices.Any(n => n.Kind == "waitlistOffer"), Within, "the waitlistOffer notice");
        var notice = browser.Notices.First(n => n.Kind == "waitlistOffer");
        Assert.True(notice.HoldExpiresAt > DateTimeOffset.UtcNow.AddMinutes(6), "The offer has the event's full hold time.");
        var (status, order) = await waiter.SendAsync(HttpMethod.Get, $"/api/orders/{notice.OrderId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("held", (string?)order["status"]);
        Assert.Equal(2, order["lines"]!.AsArray().Count);

        var (_, standing) = await waiter.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist");
        Assert.Null(standing["place"]);
        Assert.Equal(notice.OrderId, (string?)standing["offer"]!["orderId"]);
    }

    [Fact]
    public async Task Waitlist_BadRequests_AnswerProblemCodes()
    {
        var eventId = await _sale.CreateEventAsync(blocks: 1, rows: 1, seatsPerRow: 2);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var url = $"/api/events/{eventId}/waitlist";
        await AvailableAsync(eventId, 2);

        var available = await buyer.SendAsync(HttpMethod.Post, url, new { categoryId = "std", quantity = 1 });
        Assert.Equal((HttpStatusCode.Conflict, "WAIT001"), (available.Status, ApiSession.Code(available.Body)));

        var first = await _sale.HoldAsync(eventId, LiveSale.NewId("first"), "B1", quantity: 2);
        await AvailableAsync(eventId, 0);
        var tooMany = await buyer.SendAsync(HttpMethod.Post, url, new { categoryId = "std", quantity = 5 });
        Assert.Equal((HttpStatusCode.BadRequest, "WAIT002"), (tooMany.Status, ApiSession.Code(tooMany.Body)));
        var unknown = await buyer.SendAsync(HttpMethod.Post, url, new { categoryId = "vip", quantity = 1 });
        Assert.Equal((HttpStatusCode.BadRequest, "RES007"), (unknown.Status, ApiSession.Code(unknown.Body)));
        var noEvent = await buyer.SendAsync(HttpMethod.Post, "/api/events/nope/waitlist", new { categoryId = "std", quantity = 1 });
        Assert.Equal((HttpStatusCode.NotFound, "EVT001"), (noEvent.Status, ApiSession.Code(noEvent.Body)));

        Assert.Equal(HttpStatusCode.Created, (await buyer.SendAsync(HttpMethod.Post, url, new { categoryId = "std", quantity = 1 })).Status);
        var changed = await buyer.SendAsync(HttpMethod.Post, url, new { categoryId = "std", quantity = 2 });
        Assert.Equal((HttpStatusCode.Conflict, "WAIT003"), (changed.Status, ApiSession.Code(changed.Body)));
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.SendAsync(HttpMethod.Delete, url)).Status);
        Assert.Null((await buyer.SendAsync(HttpMethod.Get, url)).Body["place"]);
        Assert.Equal(OrderStatus.Held, first.Status);
    }

    private async Task<(string EventId, OrderView First)> SoldOutEventAsync()
    {
        var eventId = await _sale.CreateEventAsync(blocks: 1, rows: 1, seatsPerRow: 2);
        var first = await _sale.HoldAsync(eventId, LiveSale.NewId("first"), "B1", quantity: 2);
        await AvailableAsync(eventId, 0);
        return (eventId, first);
    }

    /// <summary>Blocks report their counts to the event a moment after a change; joining reads those counts.</summary>
    private async Task AvailableAsync(string eventId, int available)
    {
        int? seen = null;
        var deadline = DateTime.UtcNow + Within;
        while ((seen = (await _sale.Client.GetGrain<IEventGrain>(eventId).GetSummaryAsync())?.ByCategory.GetValueOrDefault("std")?.Available) != available)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The summary showed {seen} available, not {available}.");
            await Task.Delay(20);
        }
    }
}
