using System.Net;

namespace Tiketi.Api.Accounts;

/// <summary>
/// The browser's sign-in: the refresh token in an HttpOnly, SameSite=Strict cookie scoped to the refresh
/// route, so script never sees it, other sites never send it, and it survives new tabs and restarts (it
/// is persistent, for the refresh token's lifetime). Secure whenever the request came over HTTPS or from
/// anywhere but this machine: only plain-HTTP development on localhost goes without it.
/// </summary>
public static class RefreshCookie
{
    public const string Name = "tiketi_refresh";
    public const string Path = "/api/auth/refresh";

    public static string? Read(HttpContext http) =>
        http?.Request.Cookies[Name] is { Length: > 0 and <= RefreshTokens.MaxLength } token ? token : null;

    public static void Write(HttpContext http, string refreshToken, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(Name, refreshToken, Options(http, expiresAt - DateTimeOffset.UtcNow));
    }

    public static void Clear(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Name, Options(http, null));
    }

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps || !IsLocalDevelopment(http),
        SameSite = SameSiteMode.Strict,
        Path = Path,
        MaxAge = maxAge is { } age && age > TimeSpan.Zero ? age : null,
        IsEssential = true,
    };

    private static bool IsLocalDevelopment(HttpContext http) =>
        http.Request.Host.Host is "localhost" or "127.0.0.1" or "[::1]" && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
