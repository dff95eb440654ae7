using System.Net;
using Microsoft.Playwright;
using Tiketi.Api.Tests;
using Tiketi.Api.Tests.Sale;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>The operator creates an event with its layout from the pages, opens it, watches it sell, refunds.</summary>
[Collection(WebCollection.Name)]
public sealed class OperatorTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task Operator_CreatesEventWithLayoutAndOpensSale_BuyerSeesIt_LiveViewCountsSalesAndRefunds()
    {
        await using var ops = await web.OpenAsync("operator");
        var page = ops.Page;
        await Ui.SignInAsync(ops, TiketiApiFactory.AdminEmail, "/admin/", TiketiApiFactory.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator console" })).ToBeVisibleAsync();
        await Expect(page.Locator("#events table")).ToBeVisibleAsync();
        await ops.CheckPageAsync("1-console");

        // The Orleans Dashboard opens for the admin in a new tab (the page trades its token for the dashboard's cookie).
        var dashboard = await ops.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Orleans Dashboard" }).ClickAsync());
        await dashboard.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.StartsWith("/dashboard", new Uri(dashboard.Url).AbsolutePath, StringComparison.Ordinal);
        var dashboardAnswer = await dashboard.Context.APIRequest.GetAsync(dashboard.Url);
        Assert.Equal(200, dashboardAnswer.Status);
        await dashboard.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.ScreenshotDirectory, "operator-1b-dashboard.png") });
        await dashboard.CloseAsync();

        // New event: details, prices, two sections of rows × seats, a standing area.
        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        var title = $"Operator Night {Guid.NewGuid():N}"[..23];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Artist").FillAsync("운영자 밴드");
        await page.GetByLabel("Venue", new() { Exact = true }).FillAsync("Jamsil Arena");
        await Expect(page.Locator("#zone-note")).ToContainTextAsync("Asia/Seoul, KST");
        await page.GetByLabel("Running time (minutes)").FillAsync("150");
        await page.GetByLabel("Age rating").SelectOptionAsync("12");
        await page.GetByLabel("Description").FillAsync("A night of songs.");
        await Expect(page.GetByLabel("Price (won)").First).ToHaveValueAsync("150000");
        await page.GetByLabel("Buyers wait in a queue").UncheckAsync();
        var firstSection = page.Locator("#sections .editor-row").First;
        await firstSection.GetByLabel("Rows").FillAsync("4");
        await firstSection.GetByLabel("Seats per row").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add section" }).ClickAsync();
        var third = page.Locator("#sections .editor-row").Nth(2);
        await third.GetByLabel("Code").FillAsync("C");
        await third.GetByLabel("Name").FillAsync("Balcony");
        await third.GetByLabel("Rows").FillAsync("3");
        await third.GetByLabel("Seats per row").FillAsync("8");
        await third.GetByLabel("Category").SelectOptionAsync("S");
        await Expect(page.Locator("#preview")).ToContainTextAsync("Seats: 200 (sections: 3) · Standing places: 300 (areas: 1)");
        await ops.CheckPageAsync("2-new-event");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create event" }).ClickAsync();

        // The draft's live page: open the sale.
        await page.WaitForURLAsync("**/admin/event.html?id=*");
        var eventId = new Uri(page.Url).Query.Split('&')[0].Split('=')[1];
        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("Draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open sale" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("On sale");
        await Expect(page.Locator("#fig-available")).ToHaveTextAsync("500");
        await Ui.WaitLiveAsync(page);

        // A buyer finds it.
        await using var buyer = await web.OpenAsync("operator-buyer", phone: true);
        await buyer.Page.GotoAsync("/");
        await buyer.Page.GetByRole(AriaRole.Searchbox).FillAsync(title);
        await buyer.Page.GetByRole(AriaRole.Searchbox).PressAsync("Enter");
        await buyer.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(buyer.Page.GetByText("seated sections: 3, standing areas: 1")).ToBeVisibleAsync();
        await Expect(buyer.Page.Locator("#event-when")).ToContainTextAsync("7:00 PM KST");
        await Expect(buyer.Page.GetByText("150 min")).ToBeVisibleAsync();
        await Expect(buyer.Page.GetByText("Ages 12 and up")).ToBeVisibleAsync();
        await Expect(buyer.Page.GetByRole(AriaRole.Link, new() { Name = "Get tickets" })).ToBeVisibleAsync();
        await buyer.CheckPageAsync("1-event");

        // Sales move the live view without a reload: sold and held per category and block, the chart.
        await page.EvaluateAsync("() => { window.__noReload = true; }");
        var someone = await _api.BuyerAsync("fan");
        var (status, hold) = await someone.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "A", categoryId = "R", quantity = 3 });
        Assert.Equal(HttpStatusCode.Created, status);
        var orderId = (string)hold["orderId"]!;
        await Expect(page.Locator("#fig-held")).ToHaveTextAsync("3");
        var (paid, _) = await someone.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" },
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, paid);
        await Expect(page.Locator("#fig-sold")).ToHaveTextAsync("3");
        await Expect(page.Locator("#fig-available")).ToHaveTextAsync("497");
        await Expect(page.Locator("#by-block tbody tr").Filter(new() { HasText = "Section A" })).ToContainTextAsync("3");
        await Expect(page.Locator("#chart rect.bar")).Not.ToHaveCountAsync(0, new() { Timeout = 5_000 });

        // Orders search and refund.
        await page.GetByLabel("Status").SelectOptionAsync("paid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search orders" }).ClickAsync();
        await Expect(page.Locator("#orders tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#orders tbody tr")).ToContainTextAsync(someone.AccountId);
        await ops.CheckPageAsync("3-live-sale");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Refund {orderId}" }).ClickAsync();
        await Expect(page.Locator(".notice.inline[data-near=orders]")).ToContainTextAsync($"Order {orderId} refunded.");
        await Expect(page.Locator("#fig-sold")).ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The live view reloaded.");
        await ops.ShotAsync("4-refunded");
        ops.AssertNoErrors();
        buyer.AssertNoErrors();
    }
}
