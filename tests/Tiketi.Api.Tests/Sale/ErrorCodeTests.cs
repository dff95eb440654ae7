using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Tiketi.Common;
using Tiketi.Queue;

namespace Tiketi.Api.Tests.Sale;

/// <summary>Each sale error code from the catalogue, reached over HTTP, answered as problem details.</summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorCodeTests(TiketiApiFactory factory)
{
    private const string Card = "4242424242424242";

    [Fact]
    public async Task Holds_EachRefusal_AnswersItsCode()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var rival = await ApiSession.NewBuyerAsync(factory);
        var holds = $"/api/events/{eventId}/holds";

        await AssertCodeAsync(Reasons.UnknownSeat, HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", seatIds = new[] { "Z-99" } }));
        await AssertCodeAsync(Reasons.UnknownBlock, HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "NOPE", categoryId = "R", quantity = 1 }));
        await AssertCodeAsync(Reasons.UnknownCategory, HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "XX", quantity = 1 }));
        await AssertCodeAsync(Reasons.InvalidSelection, HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "R", quantity = 0 }));
        await AssertCodeAsync(Reasons.EventNotFound, HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Post, "/api/events/no-such-event/holds", new { blockId = "S1", categoryId = "R", quantity = 1 }));

        Assert.Equal(HttpStatusCode.Created, (await buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", seatIds = new[] { "A-1", "A-2" } })).Status);
        await AssertCodeAsync(Reasons.SeatTaken, HttpStatusCode.Conflict, rival.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", seatIds = new[] { "A-2", "A-3" } }));
        Assert.Equal(HttpStatusCode.Created, (await buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "FLOOR", categoryId = "GA", quantity = 2 })).Status);
        await AssertCodeAsync(Reasons.LimitReached, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, holds, new { blockId = "S1", categoryId = "R", quantity = 1 }));
        await AssertCodeAsync(Reasons.HoldNotFound, HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Delete, "/api/holds/unknownhold"));
    }

    [Fact]
    public async Task Holds_SoldOutBlock_AnswersNotEnoughInventory()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: SaleSetup.Draft(queue: false, sections: 1, rows: 1, seatsPerRow: 2, gaCapacity: 0));
        var first = await ApiSession.NewBuyerAsync(factory);
        var second = await ApiSession.NewBuyerAsync(factory);

        Assert.Equal(HttpStatusCode.Created, (await first.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 2 })).Status);

        await AssertCodeAsync(Reasons.NotEnoughInventory, HttpStatusCode.Conflict, second.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 }));
    }

    [Fact]
    public async Task Queue_EachRefusal_AnswersItsCode()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: true, admissionsPerSecond: 0.1);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var holds = $"/api/events/{eventId}/holds";
        var body = new { blockId = "S1", categoryId = "R", quantity = 1 };

        await AssertCodeAsync(Reasons.NotInQueue, HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/queue"));
        await AssertCodeAsync(Reasons.NotAdmitted, HttpStatusCode.Forbidden, buyer.SendAsync(HttpMethod.Post, holds, body));
        await AssertCodeAsync(Reasons.PassInvalid, HttpStatusCode.Forbidden, buyer.SendAsync(HttpMethod.Post, holds, body, SaleSetup.PassHeader("forged.pass")));
        var passes = new QueuePass(Options.Create(new SaleOptions { PassSigningKey = factory.Settings["Sale:PassSigningKey"]! }));
        var expired = passes.Issue(eventId, buyer.AccountId, DateTimeOffset.UtcNow.AddMinutes(-1));
        await AssertCodeAsync(Reasons.PassExpired, HttpStatusCode.Forbidden, buyer.SendAsync(HttpMethod.Post, holds, body, SaleSetup.PassHeader(expired)));

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{eventId}/cancel")).Status);
        await AssertCodeAsync(Reasons.SoldOut, HttpStatusCode.Gone, buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue"));
    }

    [Fact]
    public async Task SaleLifecycle_EachRefusal_AnswersItsCode()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var hold = new { blockId = "S1", categoryId = "R", quantity = 1 };

        var (_, draft) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", WithTimes(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(3)));
        var notYet = (string)draft["eventId"]!;
        await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{notYet}/open");
        await AssertCodeAsync(Reasons.SaleNotOpen, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, $"/api/events/{notYet}/holds", hold));
        await AssertCodeAsync(Reasons.EventNotEditable, HttpStatusCode.Conflict, admin.SendAsync(HttpMethod.Put, $"/api/admin/events/{notYet}", SaleSetup.Draft()));

        var closed = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{closed}/close");
        await AssertCodeAsync(Reasons.SaleClosed, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, $"/api/events/{closed}/holds", hold));

        var cancelled = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{cancelled}/cancel");
        await AssertCodeAsync(Reasons.EventCancelled, HttpStatusCode.Gone, buyer.SendAsync(HttpMethod.Post, $"/api/events/{cancelled}/holds", hold));
        await AssertCodeAsync(Reasons.InvalidTransition, HttpStatusCode.Conflict, admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{cancelled}/open"));

        await AssertCodeAsync(Reasons.InvalidEvent, HttpStatusCode.BadRequest, admin.SendAsync(HttpMethod.Post, "/api/admin/events",
            WithTimes(DateTimeOffset.UtcNow.AddDays(3), DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(1))));
        await AssertCodeAsync(Reasons.EventNotFound, HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Get, "/api/events/no-such-event"));
    }

    [Fact]
    public async Task Orders_EachRefusal_AnswersItsCode()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var other = await ApiSession.NewBuyerAsync(factory);
        var (_, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 });
        var orderId = (string)hold["orderId"]!;
        var checkout = $"/api/holds/{orderId}/checkout";

        await AssertCodeAsync(Reasons.IdempotencyKeyInvalid, HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Post, checkout, new { cardNumber = Card }));
        await AssertCodeAsync(Reasons.PaymentDeclined, HttpStatusCode.PaymentRequired, buyer.SendAsync(HttpMethod.Post, checkout, new { cardNumber = "4000000000000002" }, Key()));
        await AssertCodeAsync(Reasons.PaymentTimeout, HttpStatusCode.GatewayTimeout, buyer.SendAsync(HttpMethod.Post, checkout, new { cardNumber = "4000000000000119" }, Key()));
        await AssertCodeAsync(Reasons.OrderNotFound, HttpStatusCode.NotFound, other.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}"));
        await AssertCodeAsync(Reasons.OrderNotFound, HttpStatusCode.NotFound, other.SendAsync(HttpMethod.Post, checkout, new { cardNumber = Card }, Key()));

        Assert.Equal(HttpStatusCode.OK, (await buyer.SendAsync(HttpMethod.Delete, $"/api/holds/{orderId}")).Status);
        await AssertCodeAsync(Reasons.OrderNotPayable, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, checkout, new { cardNumber = Card }, Key()));
        await AssertCodeAsync(Reasons.OrderNotCancellable, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel"));
    }

    [Fact]
    public async Task Cancel_PaidOrderInsideRefundCutoff_AnswersRefundWindowClosed()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var now = DateTimeOffset.UtcNow;
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: WithTimes(now.AddMinutes(-5), now.AddMinutes(50), now.AddHours(1), queue: false));
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var (_, hold) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", categoryId = "R", quantity = 1 });
        var orderId = (string)hold["orderId"]!;
        Assert.Equal(HttpStatusCode.OK, (await buyer.SendAsync(HttpMethod.Post, $"/api/holds/{orderId}/checkout", new { cardNumber = Card }, Key())).Status);

        await AssertCodeAsync(Reasons.RefundWindowClosed, HttpStatusCode.Conflict, buyer.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel"));
    }

    [Fact]
    public async Task Requests_MalformedOrInvalidOrUnknown_AnswerRequestCodes()
    {
        var buyer = await ApiSession.NewBuyerAsync(factory);
        using var broken = new StringContent("{\"blockId\": ", Encoding.UTF8, "application/json");
        var response = await buyer.Http.PostAsync("/api/events/demo-rush/holds", broken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("REQ001", (string?)(await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["code"]);

        await AssertCodeAsync("REQ002", HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Get, "/api/events?pageSize=0"));
        await AssertCodeAsync("REQ002", HttpStatusCode.BadRequest, buyer.SendAsync(HttpMethod.Get, "/api/events?page=1&page=2"));
        await AssertCodeAsync("REQ003", HttpStatusCode.NotFound, buyer.SendAsync(HttpMethod.Get, "/api/no-such-route"));
    }

    private static object WithTimes(DateTimeOffset opens, DateTimeOffset closes, DateTimeOffset starts, bool queue = false)
    {
        var now = DateTimeOffset.UtcNow;
        return new
        {
            title = "Timed",
            artist = "Artist",
            venue = "Venue",
            startsAt = starts,
            saleOpensAt = opens,
            saleClosesAt = closes,
            categories = new object[] { new { id = "R", name = "R", price = 1000 } },
            layout = new { sections = new object[] { new { id = "S1", name = "S1", rows = 2, seatsPerRow = 5, categoryId = "R" } } },
            perBuyerLimit = 4,
            holdMinutes = 7,
            queueEnabled = queue,
        };
    }

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = $"k-{Guid.NewGuid():N}" };

    internal static async Task AssertCodeAsync(string code, HttpStatusCode status, Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> call)
    {
        var (actual, body) = await call;
        Assert.True(actual == status && ApiSession.Code(body) == code, $"Expected {(int)status} {code}, got {(int)actual}: {body.ToJsonString()}");
        Assert.NotNull(body["title"]);
    }
}
