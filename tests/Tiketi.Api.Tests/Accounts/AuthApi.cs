using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>Calls of the /api/auth endpoints and hand-made tokens, good and bad.</summary>
public static class AuthApi
{
    public const string Password = "Tickets-4-everyone";

    public static string FreshEmail() => $"acct-{Guid.NewGuid():N}@tiketi.test";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient http, string url, object body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await SendAsync(http, request);
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient http, string url, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await SendAsync(http, request);
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> RegisterAsync(HttpClient http, string email, string password = Password, string? displayName = null) =>
        PostAsync(http, "/api/auth/register", new { email, password, displayName });

    public static Task<(HttpStatusCode Status, JsonObject Body)> LoginAsync(HttpClient http, string email, string password = Password) =>
        PostAsync(http, "/api/auth/login", new { email, password });

    public static Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(HttpClient http, string? refreshToken) =>
        PostAsync(http, "/api/auth/refresh", new { refreshToken });

    /// <summary>Registers a fresh account and signs it in: (account id, token pair).</summary>
    public static async Task<(string AccountId, JsonObject Tokens)> NewSignedInAsync(HttpClient http)
    {
        var email = FreshEmail();
        var (registered, account) = await RegisterAsync(http, email);
        Assert.Equal(HttpStatusCode.Created, registered);
        var (status, tokens) = await LoginAsync(http, email);
        Assert.Equal(HttpStatusCode.OK, status);
        return ((string)account["id"]!, tokens);
    }

    public static string Str(JsonObject body, string name) => (string?)body[name] ?? throw new InvalidOperationException($"No '{name}' in {body}");

    public static string? Code(JsonObject problem) => (string?)problem["code"];

    /// <summary>An HS256 token like the API's, with every part open to change.</summary>
    public static string Mint(
        string subject,
        string role = "user",
        string signingKey = TiketiApiFactory.SigningKey,
        string issuer = "tiketi",
        string audience = "tiketi",
        DateTimeOffset? expires = null,
        string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTimeOffset.UtcNow;
        var expiresAt = expires ?? now.AddMinutes(10);
        var notBefore = expiresAt < now ? expiresAt.AddMinutes(-15) : now.AddSeconds(-5);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role), new Claim("sid", Guid.NewGuid().ToString("N")), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), algorithm),
        });
    }

    /// <summary>An unsigned token ("alg": "none") that claims whatever it likes.</summary>
    public static string WithoutSignature(string subject, string role = "admin")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(new JsonObject
        {
            ["sub"] = subject,
            ["role"] = role,
            ["iss"] = "tiketi",
            ["aud"] = "tiketi",
            ["iat"] = now,
            ["nbf"] = now - 5,
            ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"),
        }.ToJsonString());
        return $"{header}.{payload}.";
    }

    /// <summary>A genuine token whose payload was edited after signing (here: promoted to admin).</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["role"] = "admin";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject());
    }
}
