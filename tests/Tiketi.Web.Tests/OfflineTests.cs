using System.Net;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>A network drop: the page says so, then comes back by itself and catches up without a reload.</summary>
[Collection(WebCollection.Name)]
public sealed class OfflineTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task SeatMap_OfflineThenOnline_RecoversLiveViewWithoutReload()
    {
        var eventId = await _api.OpenEventAsync(queue: false);
        await using var buyer = await web.OpenAsync("offline", phone: true);
        var page = buyer.Page;
        await Ui.SignInAsync(buyer, await _api.RegisterAsync("roamer"), $"/seats.html?id={eventId}");
        await Ui.WaitLiveAsync(page);
        await page.EvaluateAsync("() => { window.__noReload = true; }");

        // The network goes: the status says offline.
        await buyer.Context.SetOfflineAsync(true);
        await Expect(page.Locator(".conn")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(page.Locator(".conn")).ToHaveTextAsync("Offline");
        await buyer.CheckPageAsync("1-offline");

        // Meanwhile someone else holds seats, and another hold comes and goes.
        var other = await _api.BuyerAsync("other");
        var (status, _) = await other.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S2", seatIds = new[] { "B-3", "B-4" } });
        Assert.Equal(HttpStatusCode.Created, status);

        // An online page watching the same event gets the push; the offline one, by then, has not.
        await using var watcher = await web.OpenAsync("offline-watcher");
        await Ui.SignInAsync(watcher, await _api.RegisterAsync("watcher"), $"/seats.html?id={eventId}");
        await Ui.WaitLiveAsync(watcher.Page);
        var (third, _) = await other.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S2", seatIds = new[] { "C-1" } });
        Assert.Equal(HttpStatusCode.Created, third);
        await Expect(Ui.Seat(watcher.Page, "S2", "C-1")).ToHaveAttributeAsync("data-state", "held");
        await Expect(Ui.Seat(page, "S2", "B-3")).ToHaveAttributeAsync("data-state", "available");
        await Expect(Ui.Seat(page, "S2", "C-1")).ToHaveAttributeAsync("data-state", "available");

        // The network comes back: live again by itself, and the map catches up, with no reload.
        await buyer.Context.SetOfflineAsync(false);
        await Ui.WaitLiveAsync(page);
        await Expect(Ui.Seat(page, "S2", "B-3")).ToHaveAttributeAsync("aria-label", "Row B seat 3, R seat, held");
        await Expect(Ui.Seat(page, "S2", "B-4")).ToHaveAttributeAsync("data-state", "held");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The page reloaded.");

        // And it stays live: a new hold arrives as a push.
        var (again, _) = await other.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { "A-1" } });
        Assert.Equal(HttpStatusCode.Created, again);
        await Expect(Ui.Seat(page, "S1", "A-1")).ToHaveAttributeAsync("data-state", "held", new() { Timeout = 2_000 });
        await buyer.CheckPageAsync("2-back-online");
        buyer.AssertNoErrors();
    }
}
