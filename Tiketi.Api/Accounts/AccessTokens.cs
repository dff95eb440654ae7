using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tiketi.Accounts;

namespace Tiketi.Api.Accounts;

/// <summary>Mints access tokens: HS256 JWTs with sub (account id), email, role, sid (the session), jti, iat, nbf and exp.</summary>
public sealed class AccessTokens(IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The session (refresh token family) a token belongs to; revoking it ends the token at once.</summary>
    public const string SessionClaim = "sid";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static SymmetricSecurityKey SigningKey(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
    }

    public (string Token, DateTimeOffset ExpiresAt) Create(AccountView account, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var auth = options.Value;

        // JWT times are whole seconds; the expiry we report is the one in the token.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = now + auth.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = account.Id,
                [JwtRegisteredClaimNames.Email] = account.Email,
                [AuthExtensions.RoleClaim] = account.Role,
                [SessionClaim] = sessionId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        return (token, expiresAt);
    }
}
