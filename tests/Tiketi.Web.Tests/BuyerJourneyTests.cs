using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tiketi.Api.Tests;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>A buyer on a phone: sign up, queue, admitted, best available, pay, QR tickets, cancel.</summary>
[Collection(WebCollection.Name)]
public sealed class BuyerJourneyTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task Buyer_SignsUpQueuesHoldsPaysAndCancels_SeatsBackOnSale()
    {
        var eventId = await _api.OpenEventAsync(queue: true);
        await using var buyer = await web.OpenAsync("journey", phone: true);
        var page = buyer.Page;

        // The events list, and the event.
        await page.GotoAsync("/");
        var title = (string)(await new TestApi(web).NewClient().GetFromJsonAsync<JsonObject>($"/api/events/{eventId}"))!["title"]!;
        await page.GetByRole(AriaRole.Searchbox).FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await buyer.CheckPageAsync("1-event");

        // Get tickets → not signed in → create an account → back to the waiting room.
        await page.GetByRole(AriaRole.Link, new() { Name = "Get tickets" }).ClickAsync();
        await page.WaitForURLAsync("**/signin.html**");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Create account" }).ClickAsync();
        await buyer.CheckPageAsync("2-sign-up");
        await page.GetByLabel("Name (optional)").FillAsync("Journey Buyer");
        await page.Locator("#up-email").FillAsync(TestApi.NewEmail("journey"));
        await page.Locator("#up-password").FillAsync(TestApi.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).Last.ClickAsync();

        // The waiting room admits at once (1,000 a second): "It's your turn!".
        await page.WaitForURLAsync("**/queue.html?id=*");
        await Expect(page.GetByText("It’s your turn!", new() { Exact = true })).ToBeVisibleAsync();
        await buyer.CheckPageAsync("3-your-turn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose your seats" }).ClickAsync();

        // The seat map; best available 2 in R.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/seats\\.html\\?id="));
        await Ui.WaitLiveAsync(page);
        await Expect(Ui.Seat(page, "S1", "A-1")).ToHaveAttributeAsync("aria-label", "Row A seat 1, R seat, available");
        await buyer.CheckPageAsync("4-seat-map");
        await page.GetByLabel("Price category").SelectOptionAsync("R");
        await page.GetByLabel("Number of tickets").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find best seats" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your seats are held" })).ToBeVisibleAsync();
        await Expect(page.Locator("#countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0[67]:\d\d$"));
        var held = await page.Locator("#blocks .seat[data-state=mine]").CountAsync();
        Assert.Equal(2, held);
        await buyer.CheckPageAsync("5-hold");

        // Pay with the test card → the order with two QR tickets.
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay now" }).ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await Expect(page.Locator("#msg")).ToContainTextAsync("Payment received");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of the ticket for" });
        await Expect(qr).ToHaveCountAsync(2);
        // Each ticket names its section, row, seat, show time (venue's clock, zone label) and venue.
        var ticket = page.Locator(".ticket").First;
        await Expect(ticket).ToContainTextAsync("Section");
        await Expect(ticket).ToContainTextAsync("Row");
        await Expect(ticket).ToContainTextAsync("KST");
        await Expect(ticket).ToContainTextAsync("Test Arena");
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download tickets (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        var ics = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Add to calendar (.ics)" }).ClickAsync());
        Assert.Contains("BEGIN:VEVENT", await File.ReadAllTextAsync(await ics.PathAsync()), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ticket img')].every(i => i.complete && i.naturalWidth > 0)");
        await buyer.CheckPageAsync("6-tickets");
        var orderId = new Uri(page.Url).Query.Split('&')[0].Split('=')[1];

        // My orders → cancel and refund.
        await page.GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Paid", new() { Exact = true })).ToBeVisibleAsync();
        await buyer.CheckPageAsync("7-orders");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel and refund" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("₩300,000 goes back to the card you paid with");
        await Expect(dialog).ToContainTextAsync("Refund policy: full refund for cancellations before");
        await buyer.CheckPageAsync("7b-refund-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, refund ₩300,000" }).ClickAsync();
        await Expect(page.GetByText("Refunded", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".notice.inline.ok")).ToContainTextAsync("₩300,000 is on its way back to your card");
        await buyer.CheckPageAsync("8-refunded");

        // The seats are back on sale: the seat map shows them available again.
        var order = await (await _api.AdminAsync()).SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders");
        Assert.DoesNotContain(orderId, order.Body.ToJsonString(), StringComparison.Ordinal);
        await page.GotoAsync($"/seats.html?id={eventId}");
        await Ui.WaitLiveAsync(page);
        await Expect(page.Locator("#blocks .seat[data-state=held], #blocks .seat[data-state=sold], #blocks .seat[data-state=mine]")).ToHaveCountAsync(0);
        await buyer.ShotAsync("9-back-on-sale");
        buyer.AssertNoErrors();
    }
}
