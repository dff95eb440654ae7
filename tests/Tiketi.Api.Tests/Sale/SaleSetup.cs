using System.Net;
using System.Text.Json.Nodes;

namespace Tiketi.Api.Tests.Sale;

/// <summary>Creates events through the admin API, as an operator would.</summary>
public static class SaleSetup
{
    public static object Draft(bool queue = true, int sections = 2, int rows = 5, int seatsPerRow = 10, int perBuyerLimit = 4, int gaCapacity = 100)
    {
        var now = DateTimeOffset.UtcNow;
        return new
        {
            title = $"Test Night {Guid.NewGuid():N}"[..20],
            artist = "테스트 밴드",
            venue = "Test Arena",
            startsAt = now.AddDays(30),
            saleOpensAt = now.AddMinutes(-5),
            saleClosesAt = now.AddDays(29),
            categories = new object[] { new { id = "R", name = "R seat", price = 150000 }, new { id = "GA", name = "Standing", price = 90000 } },
            layout = new
            {
                sections = Enumerable.Range(1, sections).Select(i => new { id = $"S{i}", name = $"Section {i}", rows, seatsPerRow, categoryId = "R" }).ToArray(),
                areas = gaCapacity > 0 ? new object[] { new { id = "FLOOR", name = "Floor", categoryId = "GA", capacity = gaCapacity } } : [],
            },
            perBuyerLimit,
            holdMinutes = 7,
            queueEnabled = queue,
        };
    }

    public static async Task<string> CreateOpenEventAsync(ApiSession admin, bool queue = true, double admissionsPerSecond = 1000, object? draft = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var (status, created) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", draft ?? Draft(queue));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        var eventId = (string)created["eventId"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{eventId}/open")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, $"/api/admin/events/{eventId}/queue", new { admissionsPerSecond, maxActiveShoppers = 10000 })).Status);
        return eventId;
    }

    /// <summary>Joins the queue and polls until admitted; returns the pass.</summary>
    public static async Task<string> AdmittedPassAsync(ApiSession buyer, string eventId)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        var (status, joined) = await buyer.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue");
        Assert.True(status == HttpStatusCode.OK, joined.ToJsonString());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, queue) = await buyer.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/queue");
            if ((string?)queue["state"] == "admitted")
            {
                return (string)queue["pass"]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not admitted in time: {queue.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    public static Dictionary<string, string> PassHeader(string pass) => new() { ["X-Queue-Pass"] = pass };

    public static JsonArray Items(JsonObject body) => (JsonArray)body["items"]!;
}
