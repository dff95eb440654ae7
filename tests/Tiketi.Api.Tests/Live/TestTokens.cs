using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tiketi.Api.Tests.Live;

/// <summary>Mints the access tokens the API issues (JWT, HS256, issuer and audience "tiketi") for tests.</summary>
public static class TestTokens
{
    public static string For(string buyerId, string role = "user", string signingKey = TiketiApiFactory.SigningKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = buyerId,
            ["role"] = role,
            ["iss"] = "tiketi",
            ["aud"] = "tiketi",
            ["iat"] = now,
            ["nbf"] = now - 5,
            ["exp"] = now + 600,
            ["sid"] = Guid.NewGuid().ToString("N"),
            ["jti"] = Guid.NewGuid().ToString("N"),
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
