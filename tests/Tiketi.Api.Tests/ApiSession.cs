using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tiketi.Api.Tests;

/// <summary>A signed-in HTTP client for tests: a fresh buyer, or the configured admin.</summary>
public sealed class ApiSession(HttpClient http, string accountId)
{
    public HttpClient Http { get; } = http;

    public string AccountId { get; } = accountId;

    public static async Task<ApiSession> NewBuyerAsync(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = $"buyer-{Guid.NewGuid():N}@tiketi.test";
        const string password = "Correct-horse-9-battery";
        var http = factory.CreateClient();
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Test Buyer" })).EnsureSuccessStatusCode();
        return await LoginAsync(http, email, password);
    }

    public static async Task<ApiSession> AdminAsync(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return await LoginAsync(factory.CreateClient(), TiketiApiFactory.AdminEmail, TiketiApiFactory.AdminPassword);
    }

    public static async Task<ApiSession> LoginAsync(HttpClient http, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var tokens = await login.Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens!["accessToken"]!);
        var me = await http.GetFromJsonAsync<JsonObject>("/api/auth/me");
        return new ApiSession(http, (string)me!["id"]!);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string url, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) switch
        {
            JsonObject o => o,
            JsonArray a => new JsonObject { ["items"] = a },
            var other => new JsonObject { ["value"] = other },
        };
        return (response.StatusCode, json);
    }

    public static string? Code(JsonObject problem) => (string?)problem["code"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
