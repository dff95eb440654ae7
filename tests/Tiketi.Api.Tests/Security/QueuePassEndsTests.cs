using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Tests.Sale;
using Tiketi.Queue;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// A pass is valid only for its event and place, and only while that place is admitted: leaving the queue
/// or lapsing ends it (so the active-shopper cap holds), and an event without a queue hands out none.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueuePassEndsTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Hold_AfterLeavingTheQueue_PassRefused()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var pass = await SaleSetup.AdmittedPassAsync(buyer, eventId);
        var (held, hold) = await HoldAsync(buyer, eventId, pass, "A-1");
        Assert.Equal(HttpStatusCode.Created, held);
        await buyer.SendAsync(HttpMethod.Delete, $"/api/holds/{(string)hold["orderId"]!}");

        Assert.Equal(HttpStatusCode.NoContent, (await buyer.SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/queue")).Status);

        await AssertRefusedAsync(buyer, eventId, pass, "A-2");
    }

    [Fact]
    public async Task Hold_AfterThePlaceLapsed_PassRefused()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin);
        var queue = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IWaitingQueueGrain>(eventId);
        var settings = (await queue.GetInfoAsync()).Settings;
        await queue.ConfigureAsync(settings with { IdleTimeout = TimeSpan.FromSeconds(1) });
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var pass = await SaleSetup.AdmittedPassAsync(buyer, eventId);

        // Idle past the queue's limit: the slot goes to the next buyer, and the pass must go with it.
        await Live.Eventually.TrueAsync(
            async () => (string?)(await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/queue")).Body["state"] == "expired", Within, "the place lapsing");

        await AssertRefusedAsync(buyer, eventId, pass, "A-3");
    }

    [Fact]
    public async Task Join_EventWithoutQueue_RefusedAndNoPassIssued()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: false);
        var buyer = await ApiSession.NewBuyerAsync(factory);

        var (status, problem) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue");
        var (_, place) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/queue");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("QUEUE010", ApiSession.Code(problem));
        Assert.Null((string?)place["pass"]);
        Assert.Equal("notInQueue", (string?)place["state"]);
    }

    private static Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> HoldAsync(ApiSession buyer, string eventId, string pass, string seat) =>
        buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = new[] { seat } }, SaleSetup.PassHeader(pass));

    /// <summary>The silos hear of the ended place through a stream, so the refusal may take a moment; a hold made meanwhile is released.</summary>
    private static async Task AssertRefusedAsync(ApiSession buyer, string eventId, string pass, string seat)
    {
        var code = "";
        await Live.Eventually.TrueAsync(
            async () =>
            {
                var (status, body) = await HoldAsync(buyer, eventId, pass, seat);
                if (status == HttpStatusCode.Created)
                {
                    await buyer.SendAsync(HttpMethod.Delete, $"/api/holds/{(string)body["orderId"]!}");
                    return false;
                }

                code = ApiSession.Code(body) ?? "";
                return true;
            },
            Within,
            "the pass being refused");
        Assert.Equal("QUEUE003", code);
    }
}
