using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// Over a thousand malformed requests: broken and deep JSON, huge bodies, wrong types, absurd numbers,
/// unknown ids, injection strings, repeated query keys, bad tokens. None may answer 5xx or change state.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(TiketiApiFactory factory)
{
    private static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE orleansstorage; --", "<script>alert(1)</script>", "../../etc/passwd", "%2e%2e%2f",
        "\u0000", "{{7*7}}", "${jndi:ldap://x}", "a/b", "ev/../admin", new string('A', 5000), "🎫🎫🎫", "null", "-1", "1e400",
    ];

    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "true", "\"text\"", "{\"blockId\": }", "{\"blockId\": \"S1\",}", "{'blockId': 'S1'}",
        "{\"blockId\": 5, \"quantity\": \"two\"}", "{\"blockId\": \"S1\", \"quantity\": -1, \"categoryId\": \"R\"}",
        "{\"blockId\": \"S1\", \"quantity\": 99999999999999999999, \"categoryId\": \"R\"}", "{\"blockId\": \"S1\", \"quantity\": 1.5, \"categoryId\": \"R\"}",
        "{\"blockId\": \"S1\", \"seatIds\": 7}", "{\"blockId\": \"S1\", \"seatIds\": [null]}", "{\"blockId\": \"S1\", \"seatIds\": [\"A-1\", \"A-1\"]}",
        "{\"blockId\": \"S1\", \"seatIds\": [" + string.Join(',', Enumerable.Range(1, 500).Select(i => $"\"A-{i}\"")) + "]}",
        "{\"cardNumber\": 4242424242424242}", "{\"admissionsPerSecond\": -5, \"maxActiveShoppers\": 0}",
        "{\"email\": [], \"password\": {}}", "{\"refreshToken\": 12}",
        new string('[', 200) + new string(']', 200), Deep(100), "{\"blockId\": \"" + new string('x', 200_000) + "\"}",
        "\uFEFF{\"blockId\": \"S1\"}", "{\"blockId\": \"S1\", \"blockId\": \"S2\", \"categoryId\": \"R\", \"quantity\": 1}",
    ];

    private static readonly string[] Tokens =
    [
        "Bearer", "Bearer ", "Bearer abc", "Bearer a.b.c", "Basic YWRtaW46YWRtaW4=", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.",
        "Bearer " + new string('x', 4000),
    ];

    [Fact]
    public async Task HostileRequests_Thousands_NoServerErrorAndNoStateChange()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await Sale.SaleSetup.CreateOpenEventAsync(admin, queue: true);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var before = await StateAsync(admin, buyer, eventId);
        var requests = Requests(eventId).ToList();
        Assert.True(requests.Count >= 1_000, $"only {requests.Count} hostile requests");

        var failures = new List<string>();
        foreach (var (method, url, body, token, asAdmin) in requests)
        {
            var client = token is null ? (asAdmin ? admin.Http : buyer.Http) : factory.CreateClient();
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (InvalidOperationException) when (url.Contains("%00", StringComparison.Ordinal))
            {
                // A NUL in the path never reaches the application: the test host refuses it, Kestrel answers 400.
                continue;
            }

            using var _ = response;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} {method} {url[..Math.Min(url.Length, 120)]} body={body?[..Math.Min(body.Length, 80)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, await StateAsync(admin, buyer, eventId));
    }

    private static IEnumerable<(HttpMethod, string, string?, string?, bool)> Requests(string eventId)
    {
        var posts = new[] { $"/api/events/{eventId}/holds", "/api/holds/x1/checkout", "/api/orders/x1/cancel", "/api/auth/register", "/api/auth/login", "/api/auth/refresh" };
        foreach (var url in posts)
        {
            foreach (var body in Bodies)
            {
                yield return (HttpMethod.Post, url, body, null, false);
            }
        }

        foreach (var body in Bodies)
        {
            yield return (HttpMethod.Put, $"/api/admin/events/{eventId}/queue", body, null, true);
            yield return (HttpMethod.Put, $"/api/admin/events/{eventId}", body, null, true);
        }

        foreach (var bad in Injections)
        {
            var id = Uri.EscapeDataString(bad);
            foreach (var template in new[] { "/api/events/{0}", "/api/events/{0}/seats", "/api/events/{0}/queue", "/api/orders/{0}", "/api/holds/{0}", "/api/events?q={0}", "/api/events?page={0}", "/api/admin/events/{0}/figures" })
            {
                var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id);
                yield return (HttpMethod.Get, url, null, null, template.Contains("admin", StringComparison.Ordinal));
                yield return (HttpMethod.Delete, url, null, null, false);
                yield return (HttpMethod.Post, url, "{}", null, false);
            }

            yield return (HttpMethod.Post, $"/api/events/{eventId}/holds", new JsonObject { ["blockId"] = bad, ["seatIds"] = new JsonArray(bad) }.ToJsonString(), null, false);
            yield return (HttpMethod.Post, $"/api/events/{eventId}/holds", new JsonObject { ["blockId"] = "S1", ["categoryId"] = bad, ["quantity"] = 1 }.ToJsonString(), null, false);
            yield return (HttpMethod.Post, "/api/auth/login", new JsonObject { ["email"] = bad, ["password"] = bad }.ToJsonString(), null, false);
            yield return (HttpMethod.Post, "/api/admin/orders/" + id + "/refund", null, null, true);
        }

        foreach (var query in new[] { "page=1&page=2", "q=a&q=b", "pageSize=5&pageSize=500", "page=-1", "page=99999999999", "pageSize=abc", "q=" + new string('q', 500) })
        {
            for (var i = 0; i < 5; i++)
            {
                yield return (HttpMethod.Get, "/api/events?" + query, null, null, false);
            }
        }

        foreach (var token in Tokens)
        {
            foreach (var url in new[] { "/api/orders", "/api/auth/me", $"/api/events/{eventId}/queue", "/api/admin/events", "/dashboard/" })
            {
                yield return (HttpMethod.Get, url, null, token, false);
                yield return (HttpMethod.Post, url, "{}", token, false);
            }
        }

        for (var i = 0; i < 300; i++)
        {
            var random = new Random(i);
            var garbage = new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => (char)random.Next(1, 0x2FF))]);
            yield return (HttpMethod.Post, posts[i % posts.Length], garbage, null, false);
        }
    }

    private static async Task<string> StateAsync(ApiSession admin, ApiSession buyer, string eventId)
    {
        var (_, figures) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/figures");
        var (_, orders) = await buyer.SendAsync(HttpMethod.Get, "/api/orders");
        var (_, events) = await admin.SendAsync(HttpMethod.Get, "/api/admin/events");
        return figures.ToJsonString() + orders.ToJsonString() + ((JsonArray)events["items"]!).Count;
    }

    private static string Deep(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
}
