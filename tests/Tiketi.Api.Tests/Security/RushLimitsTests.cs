using System.Net;
using System.Text.Json.Nodes;
using Tiketi.Api.Tests.Accounts;
using Tiketi.Api.Tests.Sale;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// The limits as shipped fit a rush behind one address (a carrier NAT, a venue's Wi-Fi): buyers are limited
/// per account, not per address, checkout is never refused, and a macro hammering its queue status is
/// blocked with its own code while a buyer polling normally from the same address is not.
/// </summary>
[Collection(SecurityHostCollection.Name)]
public sealed class RushLimitsTests(RushLimitsTests.Host host) : IClassFixture<RushLimitsTests.Host>
{
    private const string SharedAddress = "100.64.0.1";

    [Fact]
    public async Task FiftyBuyersBehindOneAddress_EachCompletesAFullJourney()
    {
        var admin = await ApiSession.AdminAsync(host.Security.Factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, draft: SaleSetup.Draft(sections: 5, rows: 10, seatsPerRow: 10));

        var journeys = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => JourneyAsync(eventId, i)));

        var refused = journeys.SelectMany(j => j).Where(s => s.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} requests refused with 429: {string.Join(", ", refused.Take(5).Select(r => r.What))}");
        Assert.All(journeys, j => Assert.Equal("paid", j[^1].What));
    }

    [Fact]
    public async Task MacroPoller_BlockedWithItsCodeAndAudited_NormalPollerOnTheSameAddressNot()
    {
        var admin = await ApiSession.AdminAsync(host.Security.Factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin);
        var (_, macroTokens) = await SignedInAsync();
        var (_, normalTokens) = await SignedInAsync();
        var queue = $"/api/events/{eventId}/queue";
        await Send(HttpMethod.Post, queue, macroTokens);
        await Send(HttpMethod.Post, queue, normalTokens);

        var macro = new List<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)>();
        for (var i = 0; i < 130; i++)
        {
            macro.Add(await Send(HttpMethod.Get, queue, macroTokens));
        }

        var normal = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            normal.Add((await Send(HttpMethod.Get, queue, normalTokens)).Status);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var blocked = macro.Where(m => AuthApi.Code(m.Body) == "QUEUE009").ToList();
        Assert.True(blocked.Count > 0, "The macro was answered: " + string.Join(", ", macro.GroupBy(m => $"{(int)m.Status} {AuthApi.Code(m.Body)}").Select(g => $"{g.Key} x{g.Count()}")));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked[0].Status);
        Assert.True(blocked[0].Response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(30));
        Assert.Equal("QUEUE009", AuthApi.Code((await Send(HttpMethod.Get, queue, macroTokens)).Body));
        Assert.All(normal, s => Assert.Equal(HttpStatusCode.OK, s));

        await Live.Eventually.TrueAsync(
            async () =>
            {
                var (_, report) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/audit");
                return ((JsonArray?)report["errors"])?.Any(e => (string?)e!["code"] == "QUEUE009" && (long)e["count"]! >= 1) == true;
            },
            TimeSpan.FromSeconds(15),
            "the audit counting the macro's refusals");
    }

    [Fact]
    public async Task Checkout_BuyerHoldingSeatsAfterSpendingTheBudget_NotRefused()
    {
        var admin = await ApiSession.AdminAsync(host.Security.Factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var (_, tokens) = await SignedInAsync();
        var (_, hold, _) = await Send(HttpMethod.Post, $"/api/events/{eventId}/holds", tokens, new { blockId = "S1", categoryId = "R", quantity = 1 });
        var orderId = (string)hold["orderId"]!;
        HttpStatusCode last = default;
        for (var i = 0; i < 400 && last != HttpStatusCode.TooManyRequests; i++)
        {
            last = (await Send(HttpMethod.Get, $"/api/orders/{orderId}", tokens)).Status;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var (paid, order, _) = await Send(HttpMethod.Post, $"/api/holds/{orderId}/checkout", tokens, new { cardNumber = "4242424242424242" },
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, paid);
        Assert.Equal("paid", (string?)order["status"]);
    }

    private async Task<List<(HttpStatusCode Status, string What)>> JourneyAsync(string eventId, int i)
    {
        var steps = new List<(HttpStatusCode, string)>();
        var email = AuthApi.FreshEmail();
        steps.Add(((await host.Security.SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password = AuthApi.Password }, peer: SharedAddress)).Status, "register"));
        var (loggedIn, tokens, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: SharedAddress);
        steps.Add((loggedIn, "login"));
        steps.Add(((await Send(HttpMethod.Get, "/api/events", null)).Status, "events"));
        steps.Add(((await Send(HttpMethod.Get, $"/api/events/{eventId}", tokens)).Status, "event"));
        steps.Add(((await Send(HttpMethod.Post, $"/api/events/{eventId}/queue", tokens)).Status, "join"));
        string? pass = null;
        for (var poll = 0; pass is null && poll < 20; poll++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (status, place, _) = await Send(HttpMethod.Get, $"/api/events/{eventId}/queue", tokens);
            steps.Add((status, "poll"));
            pass = (string?)place["pass"];
        }

        steps.Add(((await Send(HttpMethod.Get, $"/api/events/{eventId}/seats", tokens)).Status, "seats"));
        var block = $"S{(i % 5) + 1}";
        var (held, hold, _) = await Send(HttpMethod.Post, $"/api/events/{eventId}/holds", tokens, new { blockId = block, categoryId = "R", quantity = 2 },
            new Dictionary<string, string> { ["X-Queue-Pass"] = pass ?? "" });
        steps.Add((held, "hold"));
        var orderId = (string?)hold["orderId"] ?? "none";
        var (paid, order, _) = await Send(HttpMethod.Post, $"/api/holds/{orderId}/checkout", tokens, new { cardNumber = "4242424242424242" },
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") });
        steps.Add((paid, "checkout"));
        steps.Add(((await Send(HttpMethod.Get, $"/api/orders/{orderId}", tokens)).Status, "order"));
        steps.Add(((await Send(HttpMethod.Get, "/api/orders", tokens)).Status, "orders"));
        steps.Add((paid, (string?)order["status"] ?? $"checkout answered {(int)paid}: {order.ToJsonString()}"));
        return steps;
    }

    private async Task<(string Email, JsonObject Tokens)> SignedInAsync()
    {
        var email = AuthApi.FreshEmail();
        await host.Security.SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password = AuthApi.Password }, peer: SharedAddress);
        var (_, tokens, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: SharedAddress);
        return (email, tokens);
    }

    private Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> Send(
        HttpMethod method, string url, JsonObject? tokens, object? body = null, IDictionary<string, string>? headers = null) =>
        host.Security.SendAsync(method, url, body, SharedAddress, headers, tokens is null ? null : (string?)tokens["accessToken"]);

    /// <summary>A host with the limits as shipped.</summary>
    public sealed class Host : IDisposable
    {
        public SecurityHost Security { get; } = new(defaultLimits: true);

        public void Dispose() => Security.Dispose();
    }
}
