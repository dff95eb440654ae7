namespace Tiketi.Accounts;

/// <summary>An account as its owner and the API see it; never the password hash.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.AccountView")]
public sealed record AccountView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Role,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>The account with its bcrypt hash, for the API host to verify a password (hashing happens there).</summary>
[GenerateSerializer, Immutable, Alias("tiketi.AccountCredentials")]
public sealed record AccountCredentials(
    [property: Id(0)] AccountView Account,
    [property: Id(1)] string PasswordHash);

/// <summary>What registration (or the admin bootstrap) stores: the hash, never the password.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Role);

/// <summary>A refresh token to start a new family with: only its SHA-256 hash travels, with its lifetime.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.RefreshIssue")]
public sealed record RefreshIssue(
    [property: Id(0)] string TokenHash,
    [property: Id(1)] TimeSpan Lifetime);

/// <summary>
/// Trade the presented refresh token (by hash) for the next one of its family. A <see cref="NextHash"/>
/// equal to <see cref="PresentedHash"/> renews the token in place (the browser's HttpOnly cookie, which
/// script can never read, so rotation would only race between tabs).
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.RefreshRotation")]
public sealed record RefreshRotation(
    [property: Id(0)] string PresentedHash,
    [property: Id(1)] string NextHash,
    [property: Id(2)] TimeSpan Lifetime);

/// <summary>
/// A stored refresh token: whose it is (for the access token minted with it), when it expires, and the
/// session (its family) that the access tokens minted with it name in their "sid" claim.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.RefreshGrant")]
public sealed record RefreshGrant(
    [property: Id(0)] AccountView Account,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string SessionId = "");

/// <summary>
/// Account outcomes. They share the API's catalogue of codes (Tiketi.Api.Errors.ApiErrors), so a
/// grain result maps to the same problem details as the API's own checks.
/// </summary>
public static class AccountReasons
{
    public const string EmailTaken = "AUTH005";
    public const string RefreshInvalid = "AUTH006";
}
