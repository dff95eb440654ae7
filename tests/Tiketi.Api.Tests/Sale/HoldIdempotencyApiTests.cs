using System.Net;
using System.Text.Json.Nodes;
using Tiketi.Common;

namespace Tiketi.Api.Tests.Sale;

/// <summary>POST /api/events/{eventId}/holds with an Idempotency-Key: a retry whose first answer was lost gets the same hold.</summary>
[Collection(ApiCollection.Name)]
public sealed class HoldIdempotencyApiTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Hold_SameIdempotencyKeyTwice_SameOrderAndNoSecondHold()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false, perBuyerLimit: 2));
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var holds = $"/api/events/{eventId}/holds";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"hold-{Guid.NewGuid():N}" };

        var first = await buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "R", quantity = 2 }, key);
        var retry = await buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "R", quantity = 2 }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal((string?)first.Body["orderId"], (string?)retry.Body["orderId"]);
        Assert.Equal(first.Body["lines"]!.ToJsonString(), retry.Body["lines"]!.ToJsonString());
        var (_, map) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/seats");
        var s1 = ((JsonArray)map["blocks"]!).First(b => (string?)b!["blockId"] == "S1")!;
        Assert.Equal(2, ((string)s1["seats"]!).Count(c => c == '1'));

        // Another key is another hold: the limit (2) refuses it.
        var other = await buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "R", quantity = 1 },
            new Dictionary<string, string> { ["Idempotency-Key"] = $"hold-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal(Reasons.LimitReached, (string?)other.Body["code"]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("far-too-long-0123456789012345678901234567890123456789012345678901234567890")]
    public async Task Hold_MalformedIdempotencyKey_ProblemPay003AndNothingHeld(string badKey)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false));
        var buyer = await ApiSession.NewBuyerAsync(factory);

        var (status, problem) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 },
            new Dictionary<string, string> { ["Idempotency-Key"] = badKey });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Reasons.IdempotencyKeyInvalid, (string?)problem["code"]);
        var (_, mine) = await buyer.SendAsync(HttpMethod.Get, "/api/orders");
        Assert.Empty(SaleSetup.Items(mine));
    }

    [Fact]
    public async Task Orders_HoldsInTwoEvents_BothListedNewestFirst()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var firstEvent = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false));
        var secondEvent = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false));
        var buyer = await ApiSession.NewBuyerAsync(factory);

        var older = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{firstEvent}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 });
        await Task.Delay(10);
        var newer = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{secondEvent}/holds", new { blockId = "S2", categoryId = "R", quantity = 2 });
        var (status, mine) = await buyer.SendAsync(HttpMethod.Get, "/api/orders");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([(string?)newer.Body["orderId"], (string?)older.Body["orderId"]], SaleSetup.Items(mine).Select(o => (string?)o!["orderId"]));
    }
}
