using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Common;

namespace Tiketi.Api.Accounts;

/// <summary>Accounts and sign-in: register, log in, refresh (with rotation), log out, who am I.</summary>
public static partial class AuthEndpoints
{
    public const int MaxDisplayNameLength = 100;

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).AllowAnonymous()
            .WithName("Register").WithSummary("Create a buyer account with an email and a password.");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithName("Login").WithSummary("Trade email and password for an access token and a refresh token.");
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithName("RefreshTokens").WithSummary("Trade a refresh token (body, or the sign-in cookie) for a new access token; a body token rotates, the cookie is renewed in place.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithName("Logout").WithSummary("End this sign-in everywhere: its refresh tokens and, within a second on every host, its access tokens.");
        group.MapGet("/me", MeAsync).RequireAuthorization()
            .WithName("GetMe").WithSummary("The signed-in account.");
        return routes;
    }

    private static async Task<Results<Created<AccountDto>, ProblemHttpResult>> RegisterAsync(
        IClusterClient client, PasswordHasher hasher, AccountAudit audit, RegisterBody body)
    {
        var email = AccountEmail.Normalize(body.Email);
        if (email is null)
        {
            return Problems.Invalid("email", $"Enter a valid email address of at most {AccountEmail.MaxLength} characters.");
        }

        if (PasswordRules.Check(body.Password, email) is { } passwordProblem)
        {
            return Problems.Invalid("password", passwordProblem);
        }

        var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : body.DisplayName.Trim();
        if (displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            return Problems.Invalid("displayName", $"The display name must be at most {MaxDisplayNameLength} printable characters.");
        }

        var result = await client.GetGrain<IAccountGrain>(email)
            .RegisterAsync(new NewAccount(displayName, hasher.Hash(body.Password!), ClaimsPrincipalExtensions.UserRole));
        if (!result.IsSuccess)
        {
            return Problems.Of(ApiErrors.EmailTaken, "An account with this email already exists.");
        }

        audit.Registered(result.Value!.Id);
        return TypedResults.Created("/api/auth/me", result.Value.ToDto());
    }

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> MeAsync(IClusterClient client, HttpContext http)
    {
        var account = await FindAsync(client, http.User.BuyerId());
        return account is not null
            ? TypedResults.Ok(account.ToDto())
            : Problems.Of(ApiErrors.TokenInvalid, "The account of this token no longer exists.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(
        IClusterClient client, AccountAudit audit, RevokedSessions revoked, TimeProvider clock, HttpContext http, RefreshBody? body)
    {
        // The caller's session ends everywhere: its refresh family goes, and every API host refuses its
        // access tokens within a second (this one at once). A refresh token sent along (an app's, or the
        // browser's cookie) ends its own session too, when it is the caller's; anything else is ignored,
        // revealing nothing.
        var accountId = http.User.BuyerId();
        var sessionId = http.User.FindFirst(AccessTokens.SessionClaim)?.Value;
        var refreshToken = body?.RefreshToken is { Length: > 0 } given ? given : RefreshCookie.Read(http);
        var email = await client.GetGrain<IAccountIdGrain>(accountId).GetEmailAsync();
        var revokedFamily = false;
        if (email is not null)
        {
            var account = client.GetGrain<IAccountGrain>(email);
            if (sessionId is not null)
            {
                revoked.Add(sessionId, clock.GetUtcNow());
                await account.EndSessionAsync(sessionId);
            }

            revokedFamily = RefreshTokens.AccountIdOf(refreshToken) == accountId
                && await account.RevokeRefreshFamilyAsync(RefreshTokens.Hash(refreshToken!));
        }

        RefreshCookie.Clear(http);
        audit.SignedOut(accountId, revokedFamily || sessionId is not null);
        return TypedResults.NoContent();
    }

    /// <summary>The account with this id, through the id → email index; null when either is missing.</summary>
    private static async Task<AccountView?> FindAsync(IClusterClient client, string accountId)
    {
        if (!GrainKeys.IsValidId(accountId) || await client.GetGrain<IAccountIdGrain>(accountId).GetEmailAsync() is not { } email)
        {
            return null;
        }

        var account = await client.GetGrain<IAccountGrain>(email).GetAsync();
        return account?.Id == accountId ? account : null;
    }
}
