using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tiketi.Api.Tests.Live;
using Tiketi.Api.Tests.Sale;
using UglyToad.PdfPig;

namespace Tiketi.Api.Tests.Web;

/// <summary>
/// What the pages rely on from the API: events carry their venue's time zone (times in its offset),
/// details and one currency; sold out is said the same by the list and the event; operators find orders
/// by buyer email; paid orders come as a PDF and a calendar entry and state their refund deadline.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class PagesApiTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Event_WithoutTimeZone_IsInSeoul_TimesCarryPlus9()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);

        var (_, detail) = await admin.SendAsync(HttpMethod.Get, $"/api/events/{eventId}");

        Assert.Equal("Asia/Seoul", (string?)detail["timeZone"]);
        Assert.EndsWith("+09:00", (string)detail["startsAt"]!, StringComparison.Ordinal);
        Assert.Equal("KRW", (string?)detail["currency"]);
        var (_, list) = await admin.SendAsync(HttpMethod.Get, $"/api/events?q={Uri.EscapeDataString((string)detail["title"]!)}");
        var item = SaleSetup.Items(list).Single()!;
        Assert.Equal("Asia/Seoul", (string?)item["timeZone"]);
        Assert.EndsWith("+09:00", (string)item["startsAt"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_WithZoneDetailsAndPlacement_ComesBackAsDefined()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var draft = Draft(extra: new JsonObject
        {
            ["timeZone"] = "America/New_York",
            ["description"] = "두 시간의 공연",
            ["posterUrl"] = "https://images.example/poster.jpg",
            ["ageRating"] = "12",
            ["runningMinutes"] = 150,
        });
        draft["layout"]!["sections"]![0]!["position"] = "left";

        var (status, created) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", draft);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("America/New_York", (string?)created["timeZone"]);
        Assert.Matches("-0[45]:00$", (string)created["startsAt"]!);
        Assert.Equal("두 시간의 공연", (string?)created["description"]);
        Assert.Equal("https://images.example/poster.jpg", (string?)created["posterUrl"]);
        Assert.Equal("12", (string?)created["ageRating"]);
        Assert.Equal(150, (int)created["runningMinutes"]!);
        var blocks = (JsonArray)created["blocks"]!;
        Assert.Equal("left", (string?)blocks.Single(b => (string?)b!["id"] == "S1")!["position"]!["area"]);
        Assert.Equal("floor", (string?)blocks.Single(b => (string?)b!["id"] == "FLOOR")!["position"]!["area"]);
    }

    [Theory]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("ageRating", "21")]
    public async Task Event_WithUnknownZoneOrRating_IsRefusedNamingTheField(string field, string value)
    {
        var admin = await ApiSession.AdminAsync(factory);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Draft(extra: new JsonObject { [field] = value }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", ApiSession.Code(problem));
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Event_PricesInTwoCurrencies_IsRefused_OneCurrencyPerEvent()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var draft = Draft(extra: new JsonObject { ["currency"] = "KRW" });
        draft["categories"]![1]!["currency"] = "USD";

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", draft);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]!["categories[1].currency"]);
    }

    [Fact]
    public async Task Event_PosterOverPlainHttp_IsRefused()
    {
        var admin = await ApiSession.AdminAsync(factory);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Draft(extra: new JsonObject { ["posterUrl"] = "http://images.example/p.jpg" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("EVT003", ApiSession.Code(problem));
    }

    [Fact]
    public async Task EveryUnitSold_ListAndEventBothSaySoldOut()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false, sections: 1, rows: 1, seatsPerRow: 2, gaCapacity: 0));
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (_, before) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}");
        Assert.False((bool)before["soldOut"]!);

        await PayAsync(buyer, eventId, "A-1", "A-2");

        // Blocks report their counts to the event a moment after the sale.
        JsonObject detail = new();
        await Eventually.TrueAsync(async () =>
        {
            (_, detail) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}");
            return (bool)detail["soldOut"]!;
        }, TimeSpan.FromSeconds(10), "the event says sold out");
        var title = Uri.EscapeDataString((string)detail["title"]!);
        await Eventually.TrueAsync(async () =>
        {
            var (_, list) = await buyer.SendAsync(HttpMethod.Get, $"/api/events?q={title}");
            return (bool)SaleSetup.Items(list).Single()!["soldOut"]!;
        }, TimeSpan.FromSeconds(10), "the list says sold out");
    }

    [Fact]
    public async Task AdminOrders_ByBuyerEmail_OnlyTheirs_WithTheEmailColumn()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var alice = await ApiSession.NewBuyerAsync(factory);
        var bora = await ApiSession.NewBuyerAsync(factory);
        var aliceOrder = await PayAsync(alice, eventId, "A-1");
        await PayAsync(bora, eventId, "A-2");
        var aliceEmail = await EmailOfAsync(alice);

        var (status, found) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?email={Uri.EscapeDataString(aliceEmail.ToUpperInvariant())}");
        var (_, all) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders");
        var (unknown, problem) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?email=nobody-{Guid.NewGuid():N}@tiketi.test");

        Assert.Equal(HttpStatusCode.OK, status);
        var only = Assert.Single(SaleSetup.Items(found));
        Assert.Equal(aliceOrder, (string?)only!["order"]!["orderId"]);
        Assert.Equal(aliceEmail, (string?)only["buyerEmail"]);
        Assert.Equal(2, SaleSetup.Items(all).Count);
        Assert.All(SaleSetup.Items(all), o => Assert.Contains("@tiketi.test", (string?)o!["buyerEmail"], StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("AUDIT001", ApiSession.Code(problem));
    }

    [Fact]
    public async Task PaidOrder_TicketsPdf_NamesSectionRowSeatShowTimeAndVenue_ForItsBuyerOnly()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var orderId = await PayAsync(buyer, eventId, "C-5", "C-6");

        using var pdf = await buyer.Http.GetAsync($"/api/orders/{orderId}/tickets.pdf?lang=en");
        var stranger = await ApiSession.NewBuyerAsync(factory);
        using var other = await stranger.Http.GetAsync($"/api/orders/{orderId}/tickets.pdf");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, document.NumberOfPages);
        var first = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("Section 1", first, StringComparison.Ordinal);
        Assert.Contains("Row C, seat 5", first, StringComparison.Ordinal);
        Assert.Contains("Test Arena", first, StringComparison.Ordinal);
        Assert.Contains("KST", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task PaidOrder_Calendar_IsAnIcsEventAtTheShowTime()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var orderId = await PayAsync(buyer, eventId, "B-2");
        var (_, detail) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}");
        var startsAt = DateTimeOffset.Parse((string)detail["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        using var ics = await buyer.Http.GetAsync($"/api/orders/{orderId}/calendar.ics");
        var text = await ics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BEGIN:VEVENT", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{startsAt:yyyyMMdd'T'HHmmss}Z", text, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Test Arena", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{orderId}@tiketi", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaidOrder_StatesItsRefundDeadline_ADayBeforeTheShow()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var orderId = await PayAsync(buyer, eventId, "D-1");

        var (_, order) = await buyer.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}");

        var startsAt = DateTimeOffset.Parse((string)order["eventStartsAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse((string)order["refundableUntil"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(24), startsAt - until);
    }

    [Fact]
    public async Task Scalar_IsServedUnderAPolicyAllowingExactlyItsInlineScriptByHash()
    {
        using var http = factory.CreateClient();

        using var page = await http.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        using var site = await http.GetAsync("/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        foreach (var script in inline)
        {
            Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'", csp, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe-inline' ", csp.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", site.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_InABrowserWithoutSession_GoesToOperatorSignIn_ApiClientsStillGet401()
    {
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var redirected = await http.SendAsync(browser);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        api.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var refused = await http.SendAsync(api);

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/signin.html?return=%2Fadmin%2F", redirected.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static JsonObject Draft(JsonObject extra)
    {
        var draft = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SaleSetup.Draft(queue: false), ApiSession.Json))!.AsObject();
        foreach (var (key, value) in extra)
        {
            draft[key] = value?.DeepClone();
        }

        return draft;
    }

    private static async Task<string> PayAsync(ApiSession buyer, string eventId, params string[] seats)
    {
        var (held, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = seats });
        Assert.True(held == HttpStatusCode.Created, hold.ToJsonString());
        var orderId = (string)hold["orderId"]!;
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"checkout-{Guid.NewGuid():N}" };
        var (paid, body) = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);
        Assert.True(paid == HttpStatusCode.OK, body.ToJsonString());
        return orderId;
    }

    private static async Task<string> EmailOfAsync(ApiSession session)
    {
        var (_, me) = await session.SendAsync(HttpMethod.Get, "/api/auth/me");
        return (string)me["email"]!;
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
