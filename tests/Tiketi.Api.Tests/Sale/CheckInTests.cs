using System.Net;
using System.Text.Json.Nodes;

namespace Tiketi.Api.Tests.Sale;

/// <summary>At the door a genuine ticket enters once; copies, forgeries and refunded tickets do not.</summary>
[Collection(ApiCollection.Name)]
public sealed class CheckInTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task CheckIn_TicketScannedTwiceOrForgedOrRefunded_AdmittedOnlyOnce()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (_, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 2 });
        var orderId = (string)hold["orderId"]!;
        var (_, paid) = await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = "4242424242424242" },
            new Dictionary<string, string> { ["Idempotency-Key"] = $"k-{Guid.NewGuid():N}" });
        var codes = ((JsonArray)paid["tickets"]!).Select(t => (string)t!["code"]!).ToList();
        var door = $"/api/admin/events/{eventId}/checkin";

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, door, new { code = codes[0] })).Status);
        var (again, used) = await admin.SendAsync(HttpMethod.Post, door, new { code = codes[0] });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("TKT002", ApiSession.Code(used));

        var forged = codes[1][..^3] + (codes[1].EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        Assert.Equal("TKT001", ApiSession.Code((await admin.SendAsync(HttpMethod.Post, door, new { code = forged })).Body));
        Assert.Equal("TKT001", ApiSession.Code((await admin.SendAsync(HttpMethod.Post, "/api/admin/events/other-event/checkin", new { code = codes[1] })).Body));

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/orders/{orderId}/refund")).Status);
        Assert.Equal("TKT003", ApiSession.Code((await admin.SendAsync(HttpMethod.Post, door, new { code = codes[1] })).Body));
    }
}
