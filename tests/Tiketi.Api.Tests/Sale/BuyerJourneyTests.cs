using System.Net;
using System.Text.Json.Nodes;

namespace Tiketi.Api.Tests.Sale;

/// <summary>The whole purchase over HTTP, as a buyer's browser does it.</summary>
[Collection(ApiCollection.Name)]
public sealed class BuyerJourneyTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Journey_RegisterQueueHoldCheckoutCancel_TicketIssuedThenSeatsBackOnSale()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin);
        var buyer = await ApiSession.NewBuyerAsync(factory);

        var pass = await SaleSetup.AdmittedPassAsync(buyer, eventId);
        var (holdStatus, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds",
            new { blockId = "S1", categoryId = "R", quantity = 2 }, SaleSetup.PassHeader(pass));
        Assert.Equal(HttpStatusCode.Created, holdStatus);
        Assert.Equal("held", (string?)hold["status"]);
        var orderId = (string)hold["orderId"]!;
        var seats = ((JsonArray)hold["lines"]!).Select(l => (string)l!["seatId"]!).ToList();
        Assert.Equal(["A-5", "A-6"], seats);

        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"checkout-{Guid.NewGuid():N}" };
        var (paidStatus, paid) = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);
        Assert.Equal(HttpStatusCode.OK, paidStatus);
        Assert.Equal("paid", (string?)paid["status"]);
        Assert.Equal(2, ((JsonArray)paid["tickets"]!).Count);
        Assert.All((JsonArray)paid["tickets"]!, t => Assert.False(string.IsNullOrEmpty((string?)t!["code"])));
        Assert.Equal(300_000, (long)paid["total"]!["amount"]!);

        var (_, mine) = await buyer.SendAsync(HttpMethod.Get, "/api/orders");
        Assert.Contains(SaleSetup.Items(mine), o => (string?)o!["orderId"] == orderId);

        var (cancelStatus, cancelled) = await buyer.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelStatus);
        Assert.Equal("refunded", (string?)cancelled["status"]);
        var (_, map) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/seats");
        var s1 = SaleSetup.Items(new JsonObject { ["items"] = map["blocks"]!.DeepClone() }).First(b => (string?)b!["blockId"] == "S1")!;
        Assert.Equal("0000000000", ((string)s1["seats"]!)[..10]);
    }

    [Fact]
    public async Task Checkout_SameIdempotencyKeyTwice_SameOrderOneCharge()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (_, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S2", seatIds = new[] { "B-1" } });
        var orderId = (string)hold["orderId"]!;
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "same-key-123" };

        var first = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);
        var second = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Body["paidAt"]!.ToString(), second.Body["paidAt"]!.ToString());
        Assert.Equal(((JsonArray)first.Body["tickets"]!).ToJsonString(), ((JsonArray)second.Body["tickets"]!).ToJsonString());
    }
}
