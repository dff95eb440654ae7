using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tiketi.Api.Tests;
using Tiketi.Api.Tests.Live;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>After a small sale the operator reads its audit on a phone and looks up a buyer who complains.</summary>
[Collection(WebCollection.Name)]
public sealed class AuditPageTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task AuditPage_AfterASmallSale_ShowsFiguresRefusalsAndTheBuyersOrders()
    {
        var eventId = await _api.OpenEventAsync(queue: false);
        var email = TestApi.NewEmail("complainer");
        (await _api.NewClient().PostAsJsonAsync("/api/auth/register", new { email, password = TestApi.Password, displayName = "Complainer" })).EnsureSuccessStatusCode();
        var payer = await ApiSession.LoginAsync(_api.NewClient(), email, TestApi.Password);
        var (held, hold) = await payer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { "A-1", "A-2" } });
        Assert.Equal(HttpStatusCode.Created, held);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"k-{Guid.NewGuid():N}" };
        Assert.Equal(HttpStatusCode.OK, (await payer.SendAsync(HttpMethod.Post, $"/api/holds/{(string)hold["orderId"]!}/checkout", new { cardNumber = "4242424242424242" }, key)).Status);
        var late = await _api.BuyerAsync("late");
        Assert.Equal(HttpStatusCode.Conflict, (await late.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { "A-2" } })).Status);
        await RefusalCountedAsync(eventId);

        await using var ops = await web.OpenAsync("audit", phone: true);
        var page = ops.Page;
        await Ui.SignInAsync(ops, TiketiApiFactory.AdminEmail, $"/admin/audit.html?id={eventId}", TiketiApiFactory.AdminPassword);

        await Expect(page.Locator("#audit-sold")).ToHaveTextAsync("2");
        await Expect(page.Locator("#audit-holds")).ToHaveTextAsync("1");
        await Expect(page.Locator("#audit-conversion")).ToHaveTextAsync("100%");
        await Expect(page.Locator("#errors")).ToContainTextAsync("RES001");
        await Expect(page.Locator("#queue")).ToContainTextAsync("First come, first served: queue order is arrival order.");
        await page.GetByLabel("Email or account id").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator("#buyer table")).ToContainTextAsync("Paid");
        await ops.CheckPageAsync("1-report");
    }

    private async Task RefusalCountedAsync(string eventId)
    {
        var admin = await _api.AdminAsync();
        await Eventually.TrueAsync(
            async () => ((JsonArray)(await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit")).Body["errors"]!).Count > 0,
            TimeSpan.FromSeconds(10),
            "the refusal reaching the audit");
    }
}
