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
            .WithName("RefreshTokens").WithSummary("Trade a refresh token for a new pair; the old refresh token stops working.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithName("Logout").WithSummary("Revoke a refresh token and every token refreshed from the same sign-in.");
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
        IClusterClient client, AccountAudit audit, HttpContext http, RefreshBody body)
    {
        if (string.IsNullOrEmpty(body.RefreshToken))
        {
            return Problems.Invalid("refreshToken", "Send the refresh token to revoke.");
        }

        // Only the caller's own tokens are revoked; anything else is answered the same, revealing nothing.
        var accountId = http.User.BuyerId();
        var revoked = RefreshTokens.AccountIdOf(body.RefreshToken) == accountId
            && await client.GetGrain<IAccountIdGrain>(accountId).GetEmailAsync() is { } email
            && await client.GetGrain<IAccountGrain>(email).RevokeRefreshFamilyAsync(RefreshTokens.Hash(body.RefreshToken));
        audit.SignedOut(accountId, revoked);
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
