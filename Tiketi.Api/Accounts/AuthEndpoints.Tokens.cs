using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tiketi.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Security;

namespace Tiketi.Api.Accounts;

public static partial class AuthEndpoints
{
    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> LoginAsync(
        IClusterClient client, PasswordHasher hasher, AccessTokens accessTokens, IOptions<AuthOptions> options, AccountAudit audit,
        LoginThrottle throttle, SecurityLog security, HttpContext http, LoginBody body, [FromHeader(Name = "X-Login-Proof")] string? proof)
    {
        var email = AccountEmail.Normalize(body.Email);
        var ip = RateLimitingExtensions.ClientIp(http);
        var (blockedFor, proofBits) = await throttle.CheckAsync(email, ip);
        if (blockedFor is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            security.Throttled("failed-sign-ins", ip, null, http.Request.Path);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(ApiErrors.TooManyRequests, $"Too many failed sign-ins from your address; retry after {seconds} s.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
        }

        if (proofBits > 0 && !await throttle.AcceptAsync(proof, email!, proofBits))
        {
            security.SignInProofRequired(null, ip, proofBits);
            var (challenge, expiresAt) = throttle.Challenge(email!);
            return Problems.Of(ApiErrors.SignInProofRequired,
                $"This account had many failed sign-ins: find n so that SHA-256(\"{{challenge}}:{{n}}\") starts with {proofBits} zero bits and send \"{{challenge}}:{{n}}\" as X-Login-Proof.",
                new Dictionary<string, object?> { ["challenge"] = challenge, ["difficulty"] = proofBits, ["expiresAt"] = expiresAt });
        }

        // Unknown email, malformed email and wrong password cost one bcrypt verification each and answer
        // alike, so neither the answer nor its timing tells whether an account exists.
        var password = body.Password is { Length: > 0 and <= PasswordRules.MaxLength } given ? given : "";
        var credentials = email is null || password.Length == 0 ? null : await client.GetGrain<IAccountGrain>(email).GetCredentialsAsync();
        if (!hasher.Verify(password, credentials?.PasswordHash))
        {
            security.SignInFailed(credentials?.Account.Id, ip);
            await throttle.RecordFailureAsync(email, ip);
            return Problems.Of(ApiErrors.BadCredentials, "Wrong email or password.");
        }

        var account = credentials!.Account;
        var refreshToken = RefreshTokens.New(account.Id);
        var grant = await client.GetGrain<IAccountGrain>(email!)
            .IssueRefreshAsync(new RefreshIssue(RefreshTokens.Hash(refreshToken), options.Value.RefreshTokenLifetime));
        if (!grant.IsSuccess)
        {
            security.SignInFailed(account.Id, ip);
            return Problems.Of(ApiErrors.BadCredentials, "Wrong email or password.");
        }

        audit.SignedIn(account.Id);
        return TypedResults.Ok(Pair(accessTokens, grant.Value!, refreshToken, http, body.Cookie == true));
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(
        IClusterClient client, AccessTokens accessTokens, IOptions<AuthOptions> options, AccountAudit audit, HttpContext http, RefreshBody? body)
    {
        // A browser's sign-in lives in the HttpOnly cookie and is renewed in place; an app's travels in the
        // body and rotates (the used one, shown again, revokes the whole sign-in).
        var fromCookie = string.IsNullOrEmpty(body?.RefreshToken) && RefreshCookie.Read(http) is not null;
        var presented = fromCookie ? RefreshCookie.Read(http) : body?.RefreshToken;
        var accountId = RefreshTokens.AccountIdOf(presented);
        var email = accountId is null ? null : await client.GetGrain<IAccountIdGrain>(accountId).GetEmailAsync();
        if (email is null)
        {
            audit.RefreshRefused(null);
            return RefreshRefused(http, fromCookie, "The refresh token is not valid; sign in again.");
        }

        var next = fromCookie ? presented! : RefreshTokens.New(accountId!);
        var rotation = new RefreshRotation(RefreshTokens.Hash(presented!), RefreshTokens.Hash(next), options.Value.RefreshTokenLifetime);
        var grant = await client.GetGrain<IAccountGrain>(email).RotateRefreshAsync(rotation);
        if (!grant.IsSuccess || grant.Value!.Account.Id != accountId)
        {
            audit.RefreshRefused(accountId);
            return RefreshRefused(http, fromCookie, grant.Message ?? "The refresh token is not valid; sign in again.");
        }

        return TypedResults.Ok(Pair(accessTokens, grant.Value, next, http, fromCookie));
    }

    private static ProblemHttpResult RefreshRefused(HttpContext http, bool fromCookie, string message)
    {
        if (fromCookie)
        {
            RefreshCookie.Clear(http);
        }

        return Problems.Of(ApiErrors.RefreshInvalid, message);
    }

    /// <summary>The pair; in cookie mode the refresh token goes into the cookie and the body carries none.</summary>
    private static TokenPair Pair(AccessTokens accessTokens, RefreshGrant grant, string refreshToken, HttpContext http, bool cookie)
    {
        var (accessToken, expiresAt) = accessTokens.Create(grant.Account, grant.SessionId);
        if (!cookie)
        {
            return new TokenPair(accessToken, expiresAt, refreshToken, grant.ExpiresAt, "Bearer");
        }

        RefreshCookie.Write(http, refreshToken, grant.ExpiresAt);
        return new TokenPair(accessToken, expiresAt, null, grant.ExpiresAt, "Bearer");
    }
}
