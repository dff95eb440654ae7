using System.Net;
using System.Text.Json.Nodes;
using Tiketi.Api.Tests.Sale;

namespace Tiketi.Api.Tests.Admin;

/// <summary>Operators list an event's orders by status, written the way the JSON writes it, in any case.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminOrderListTests(TiketiApiFactory factory)
{
    [Theory]
    [InlineData("paid")]
    [InlineData("Paid")]
    [InlineData("PAID")]
    public async Task ListOrders_ByStatusInAnyCase_OnlyThatStatus(string status)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var paidId = await HoldAsync(eventId, "A-1", pay: true);
        var heldId = await HoldAsync(eventId, "A-2", pay: false);

        var (code, body) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?status={status}");
        var (heldCode, held) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?status=held");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal([paidId], Ids(body));
        Assert.Equal(HttpStatusCode.OK, heldCode);
        Assert.Equal([heldId], Ids(held));
    }

    [Theory]
    [InlineData("refunded")]
    [InlineData("sold")]
    [InlineData("7")]
    public async Task ListOrders_StatusThatHoldsNoSeats_ValidationErrorNamingTheField(string status)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);

        var (code, problem) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?status={status}");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("REQ002", ApiSession.Code(problem));
        Assert.NotNull(problem["errors"]!["status"]);
    }

    private async Task<string> HoldAsync(string eventId, string seat, bool pay)
    {
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (held, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { seat } });
        Assert.Equal(HttpStatusCode.Created, held);
        var orderId = (string)hold["orderId"]!;
        if (pay)
        {
            var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"checkout-{Guid.NewGuid():N}" };
            var (paid, _) = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" }, key);
            Assert.Equal(HttpStatusCode.OK, paid);
        }

        return orderId;
    }

    private static string[] Ids(JsonObject body) =>
        [.. ((JsonArray)body["items"]!).Select(o => (string)o!["order"]!["orderId"]!)];
}
