using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// Walks every endpoint the application maps. Each one must declare who may call it; admin endpoints
/// refuse anonymous callers (401) and buyers (403); buyer endpoints never show another buyer's things.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(TiketiApiFactory factory)
{
    /// <summary>What anyone may call. Adding to this list is a security decision: review it.</summary>
    private static readonly HashSet<string> AnonymousRoutes =
    [
        "/api/events/", "/api/events/{eventId}", "/api/events/{eventId}/seats",
        "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
        "/health/live", "/health/ready", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/metrics",
        "/hubs/sale", "/hubs/sale/negotiate",
    ];

    [Fact]
    public void Endpoints_Every_DeclaresItsAuthorization()
    {
        var undeclared = Endpoints().Where(e => !e.Anonymous && !e.Authorized).Select(e => e.Route).ToList();
        var unexpectedAnonymous = Endpoints().Where(e => e.Anonymous && !AnonymousRoutes.Contains(e.Route) && !e.Route.StartsWith("/scalar", StringComparison.Ordinal)).Select(e => e.Route).ToList();
        var weakAdmin = Endpoints().Where(e => e.Route.StartsWith("/api/admin", StringComparison.Ordinal) && !e.Policies.Contains("admin")).Select(e => e.Route).ToList();

        Assert.True(undeclared.Count == 0, "Endpoints without an authorization decision: " + string.Join(", ", undeclared));
        Assert.True(unexpectedAnonymous.Count == 0, "Endpoints open to anyone that are not on the reviewed list: " + string.Join(", ", unexpectedAnonymous));
        Assert.True(weakAdmin.Count == 0, "Admin endpoints without the admin policy: " + string.Join(", ", weakAdmin));
    }

    [Fact]
    public async Task AdminEndpoints_AnonymousAndBuyer_Refused401And403()
    {
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var anonymous = factory.CreateClient();
        var admin = Endpoints().Where(e => e.Route.StartsWith("/api/admin", StringComparison.Ordinal) || e.Route.StartsWith("/dashboard", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(admin);

        foreach (var endpoint in admin)
        {
            foreach (var method in endpoint.Methods)
            {
                var url = Concrete(endpoint.Route);
                using var anonymousRequest = new HttpRequestMessage(new HttpMethod(method), url);
                var anonymousStatus = (await anonymous.SendAsync(anonymousRequest)).StatusCode;
                Assert.True(anonymousStatus == HttpStatusCode.Unauthorized, $"{method} {url} let an anonymous caller in ({(int)anonymousStatus})");
                using var buyerRequest = new HttpRequestMessage(new HttpMethod(method), url);
                Assert.True((await buyer.Http.SendAsync(buyerRequest)).StatusCode == HttpStatusCode.Forbidden, $"{method} {url} let a buyer in");
            }
        }
    }

    [Fact]
    public async Task BuyerEndpoints_AnotherBuyersOrder_NotFoundAndUnchanged()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await Sale.SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var owner = await ApiSession.NewBuyerAsync(factory);
        var intruder = await ApiSession.NewBuyerAsync(factory);
        var (_, hold) = await owner.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 });
        var orderId = (string)hold["orderId"]!;
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "intruder-key-1" };

        var attempts = new[]
        {
            await intruder.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}"),
            await intruder.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel"),
            await intruder.SendAsync(HttpMethod.Delete, $"/api/holds/{orderId}"),
            await intruder.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key),
        };

        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        var (_, mine) = await intruder.SendAsync(HttpMethod.Get, "/api/orders");
        Assert.Empty(Sale.SaleSetup.Items(mine));
        var (_, still) = await owner.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}");
        Assert.Equal("held", (string?)still["status"]);
    }

    private sealed record EndpointInfo(string Route, IReadOnlyList<string> Methods, bool Anonymous, bool Authorized, IReadOnlyList<string> Policies);

    private List<EndpointInfo> Endpoints()
    {
        _ = factory.Server;
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => new EndpointInfo(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"],
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0,
                [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "")]))];
    }

    private static string Concrete(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", "1");
}
