using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tiketi.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Security;

namespace Tiketi.Api.Accounts;

public static partial class AuthEndpoints
{
    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> LoginAsync(
        IClusterClient client, PasswordHasher hasher, AccessTokens accessTokens, IOptions<AuthOptions> options, AccountAudit audit,
        LoginThrottle throttle, HttpContext http, LoginBody body)
    {
        var email = AccountEmail.Normalize(body.Email);
        var ip = RateLimitingExtensions.ClientIp(http);
        if (await throttle.RetryAfterAsync(email, ip) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(ApiErrors.TooManyRequests, $"Too many failed sign-ins; retry after {seconds} s.");
        }

        // Unknown email, malformed email and wrong password cost one bcrypt verification each and answer
        // alike, so neither the answer nor its timing tells whether an account exists.
        var password = body.Password is { Length: > 0 and <= PasswordRules.MaxLength } given ? given : "";
        var credentials = email is null || password.Length == 0 ? null : await client.GetGrain<IAccountGrain>(email).GetCredentialsAsync();
        if (!hasher.Verify(password, credentials?.PasswordHash))
        {
            audit.SignInFailed();
            await throttle.RecordFailureAsync(email, ip);
            return Problems.Of(ApiErrors.BadCredentials, "Wrong email or password.");
        }

        var account = credentials!.Account;
        var refreshToken = RefreshTokens.New(account.Id);
        var grant = await client.GetGrain<IAccountGrain>(email!)
            .IssueRefreshAsync(new RefreshIssue(RefreshTokens.Hash(refreshToken), options.Value.RefreshTokenLifetime));
        if (!grant.IsSuccess)
        {
            audit.SignInFailed();
            return Problems.Of(ApiErrors.BadCredentials, "Wrong email or password.");
        }

        audit.SignedIn(account.Id);
        return TypedResults.Ok(Pair(accessTokens, grant.Value!, refreshToken));
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(
        IClusterClient client, AccessTokens accessTokens, IOptions<AuthOptions> options, AccountAudit audit, RefreshBody body)
    {
        var accountId = RefreshTokens.AccountIdOf(body.RefreshToken);
        var email = accountId is null ? null : await client.GetGrain<IAccountIdGrain>(accountId).GetEmailAsync();
        if (email is null)
        {
            audit.RefreshRefused(null);
            return Problems.Of(ApiErrors.RefreshInvalid, "The refresh token is not valid; sign in again.");
        }

        var next = RefreshTokens.New(accountId!);
        var rotation = new RefreshRotation(RefreshTokens.Hash(body.RefreshToken!), RefreshTokens.Hash(next), options.Value.RefreshTokenLifetime);
        var grant = await client.GetGrain<IAccountGrain>(email).RotateRefreshAsync(rotation);
        if (!grant.IsSuccess || grant.Value!.Account.Id != accountId)
        {
            audit.RefreshRefused(accountId);
            return Problems.Of(ApiErrors.RefreshInvalid, grant.Message ?? "The refresh token is not valid; sign in again.");
        }

        return TypedResults.Ok(Pair(accessTokens, grant.Value, next));
    }

    private static TokenPair Pair(AccessTokens accessTokens, RefreshGrant grant, string refreshToken)
    {
        var (accessToken, expiresAt) = accessTokens.Create(grant.Account);
        return new TokenPair(accessToken, expiresAt, refreshToken, grant.ExpiresAt, "Bearer");
    }
}
