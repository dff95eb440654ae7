using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tiketi.Api.Tests.Sale;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>A buyer too late for a sold-out sale joins the waitlist on the event page and is offered returned seats live.</summary>
[Collection(WebCollection.Name)]
public sealed class WaitlistTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task SoldOut_BuyerJoinsWaitlist_ReleasedSeatsAppearAsOfferAndArePaid()
    {
        var admin = await _api.AdminAsync();
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false, sections: 1, rows: 1, seatsPerRow: 2, gaCapacity: 0));
        var holder = await _api.BuyerAsync("holder");
        var (held, hold) = await holder.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, held);
        await SoldOutAsync(eventId);

        await using var waiter = await web.OpenAsync("waitlist");
        var page = waiter.Page;
        await Ui.SignInAsync(waiter, await _api.RegisterAsync("waiter"), $"/event.html?id={eventId}");
        await page.Locator("#waitlist-quantity").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(page.Locator("#waitlist-place")).ToHaveTextAsync("You are number 1 on the waitlist for 2 × R seat.");
        await Ui.WaitLiveAsync(page);
        await waiter.CheckPageAsync("1-waiting");

        // The holder gives up: the seats are offered to the waiter, pushed to the open page.
        Assert.Equal(HttpStatusCode.OK, (await holder.SendAsync(HttpMethod.Delete, $"/api/holds/{(string)hold["orderId"]!}")).Status);
        await Expect(page.Locator("#waitlist-card")).ToContainTextAsync("Tickets came back for you: 2 × R seat are held in your name.");
        await Expect(page.Locator("#waitlist-countdown")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"0[67]:\d\d left to pay"));
        await waiter.CheckPageAsync("2-offer");

        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay now" }).ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await Expect(page.Locator("#msg")).ToContainTextAsync("Payment received");
    }

    private async Task SoldOutAsync(string eventId)
    {
        using var http = _api.NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((int?)(await http.GetFromJsonAsync<JsonObject>($"/api/events/{eventId}"))!["availabilityByCategory"]?["R"]?["available"] != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The event never showed R sold out.");
            await Task.Delay(50);
        }
    }
}
