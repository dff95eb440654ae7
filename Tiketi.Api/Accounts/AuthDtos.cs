using Tiketi.Accounts;

namespace Tiketi.Api.Accounts;

/// <summary>Fields are checked by the handlers, which name the offending one in a REQ002 problem.</summary>
public sealed record RegisterBody(string? Email, string? Password, string? DisplayName);

/// <param name="Cookie">True (the pages): the refresh token goes into an HttpOnly cookie scoped to the refresh route, not the body.</param>
public sealed record LoginBody(string? Email, string? Password, bool? Cookie = null);

public sealed record RefreshBody(string? RefreshToken);

public sealed record AccountDto(string Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt);

/// <summary>The tokens of a sign-in; <c>refreshToken</c> is null when it went into the cookie instead.</summary>
public sealed record TokenPair(
    string AccessToken, DateTimeOffset AccessTokenExpiresAt, string? RefreshToken, DateTimeOffset RefreshTokenExpiresAt, string TokenType = "Bearer");

public static class AccountMapping
{
    public static AccountDto ToDto(this AccountView account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.Id, account.Email, account.DisplayName, account.Role, account.CreatedAt);
    }
}
