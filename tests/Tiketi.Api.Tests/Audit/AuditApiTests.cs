using System.Net;
using System.Text.Json.Nodes;
using Tiketi.Api.Tests.Live;
using Tiketi.Api.Tests.Sale;

namespace Tiketi.Api.Tests.Audit;

/// <summary>An operator reads how a sale went, as JSON and CSV, and looks up one buyer's part in it.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditApiTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Audit_AfterPaidHoldAndRefusedHold_ReportsHoldsSalesAndErrorsByCode()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var (orderId, _) = await BuyAsync(eventId, "A-1", "A-2");
        var late = await ApiSession.NewBuyerAsync(factory);
        var (refused, problem) = await late.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { "A-2" } });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("RES001", ApiSession.Code(problem));

        var report = await EventuallyReportAsync(admin, eventId, r => ((JsonArray)r["errors"]!).Count == 1);

        Assert.Equal(2, (int)report["total"]!["sold"]!);
        Assert.Equal(1, (long)report["holds"]!["placed"]!["holds"]!);
        Assert.Equal(2, (long)report["holds"]!["sold"]!["seats"]!);
        Assert.Equal(1.0, (double)report["holds"]!["conversion"]!);
        var error = ((JsonArray)report["errors"]!).Single()!;
        Assert.Equal("RES001", (string?)error["code"]);
        Assert.Equal(1, (long)error["count"]!);
        var s1 = ((JsonArray)report["blocks"]!).Single(b => (string?)b!["blockId"] == "S1")!;
        Assert.Equal(2, (int)s1["now"]!["sold"]!);
        Assert.NotNull(report["queueNow"]);
        Assert.NotEmpty(orderId);
    }

    [Fact]
    public async Task AuditCsv_AfterASale_OneTablePerSectionWithHeaderAndRows()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        await BuyAsync(eventId, "A-1");

        using var response = await admin.Http.GetAsync($"/api/admin/events/{eventId}/audit.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n");
        Assert.Equal("# sale", lines[0]);
        Assert.StartsWith("event_id,title,status,", lines[1], StringComparison.Ordinal);
        var categories = Array.IndexOf(lines, "# categories");
        Assert.StartsWith("category_id,name,capacity,available,held,sold,holds_placed,", lines[categories + 1], StringComparison.Ordinal);
        var r = lines.Skip(categories + 2).First(l => l.StartsWith("R,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["R", "R seat", "100", "99", "0", "1", "1", "1"], r[..8]);
        Assert.Contains("# blocks", lines);
        Assert.Contains("# errors", lines);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Seoul, Olympic Hall", "\"Seoul, Olympic Hall\"")]
    [InlineData("the \"big\" night", "\"the \"\"big\"\" night\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    public void CsvText_SpecialCharacters_QuotedPerRfc4180AndFormulasDisarmed(string value, string expected) =>
        Assert.Equal(expected, Tiketi.Api.Audit.AuditCsv.Text(value));

    [Theory]
    [InlineData("?orderLimit=0", "orderLimit")]
    [InlineData("?orderLimit=1001", "orderLimit")]
    [InlineData("?orderOffset=-1", "orderOffset")]
    public async Task Audit_QueueOrderPageOutOfRange_ValidationProblemNamingTheField(string query, string field)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);

        var (status, problem) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", ApiSession.Code(problem));
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Audit_UnknownEvent_NotFoundWithEventCode()
    {
        var admin = await ApiSession.AdminAsync(factory);

        var (status, problem) = await admin.SendAsync(HttpMethod.Get, "/api/admin/events/no-such-event/audit");
        var csv = await admin.SendAsync(HttpMethod.Get, "/api/admin/events/no-such-event/audit.csv");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("EVT001", ApiSession.Code(problem));
        Assert.Equal("EVT001", ApiSession.Code(csv.Body));
    }

    [Fact]
    public async Task BuyerAudit_ByEmailAndByAccountId_ListsTheirOrdersWithStatusAndTimes()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var (orderId, buyer) = await BuyAsync(eventId, "C-3");
        var email = (string)(await buyer.SendAsync(HttpMethod.Get, "/api/auth/me")).Body["email"]!;

        var (byEmail, found) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit/buyers/{Uri.EscapeDataString(email.ToUpperInvariant())}");
        var (byId, same) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit/buyers/{buyer.AccountId}");

        Assert.Equal(HttpStatusCode.OK, byEmail);
        Assert.Equal(HttpStatusCode.OK, byId);
        Assert.Equal(buyer.AccountId, (string?)found["buyerId"]);
        Assert.Equal(email, (string?)same["email"]);
        var order = ((JsonArray)found["orders"]!).Single()!;
        Assert.Equal(orderId, (string?)order["orderId"]);
        Assert.Equal("paid", (string?)order["status"]);
        Assert.NotNull(order["paidAt"]);
        Assert.Equal(1, (int)found["ticketsPaid"]!);
    }

    [Fact]
    public async Task BuyerAudit_QueuedButNeverAdmitted_ShowsTheirPlaceArrivalAndOutcome()
    {
        // "I was first and didn't get in": the admins see where the buyer stood, when they arrived, and what became of it.
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: true, admissionsPerSecond: 0.01);
        var ahead = await ApiSession.NewBuyerAsync(factory);
        var complainer = await ApiSession.NewBuyerAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await ahead.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue")).Status);
        Assert.Equal(HttpStatusCode.OK, (await complainer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue")).Status);

        var (status, found) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit/buyers/{complainer.AccountId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty((JsonArray)found["orders"]!);
        var place = found["queuePlace"]!;
        Assert.Equal(1, (long)place["sequence"]!);
        Assert.Equal("waiting", (string?)place["outcome"]);
        Assert.False((bool)place["fromPreQueue"]!);
        Assert.Null(place["admittedAt"]);
        Assert.True(DateTimeOffset.Parse((string)place["arrivedAt"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UnixEpoch);
    }

    [Theory]
    [InlineData("nobody-here@tiketi.test")]
    [InlineData("no-such-account")]
    [InlineData("bad id with spaces")]
    public async Task BuyerAudit_UnknownBuyer_NotFoundWithAuditCode(string who)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);

        var (status, problem) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit/buyers/{Uri.EscapeDataString(who)}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("AUDIT001", ApiSession.Code(problem));
    }

    private async Task<(string OrderId, ApiSession Buyer)> BuyAsync(string eventId, params string[] seats)
    {
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (held, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = seats });
        Assert.True(held == HttpStatusCode.Created, hold.ToJsonString());
        var orderId = (string)hold["orderId"]!;
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"checkout-{Guid.NewGuid():N}" };
        var (paid, body) = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);
        Assert.True(paid == HttpStatusCode.OK, body.ToJsonString());
        return (orderId, buyer);
    }

    private static async Task<JsonObject> EventuallyReportAsync(ApiSession admin, string eventId, Func<JsonObject, bool> ready)
    {
        var report = new JsonObject();
        await Eventually.TrueAsync(
            async () =>
            {
                (var status, report) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit");
                Assert.Equal(HttpStatusCode.OK, status);
                return ready(report);
            },
            TimeSpan.FromSeconds(10),
            "the audit showing it");
        return report;
    }
}
