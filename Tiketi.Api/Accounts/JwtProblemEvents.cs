using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Tiketi.Api.Errors;

namespace Tiketi.Api.Accounts;

/// <summary>
/// Bearer authentication answers in problem details: 401 AUTH001 without a token, 401 AUTH002 with a
/// bad one (expired, tampered, wrong key, issuer or algorithm), 403 AUTH003 when the role is wrong.
/// SignalR cannot set headers on WebSockets, so hubs may pass the token as ?access_token=.
/// </summary>
public sealed class JwtProblemEvents : JwtBearerEvents
{
    public const string HubPrefix = "/hubs";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Path.StartsWithSegments(HubPrefix) && string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Token = token;
        }
        else if (request.Path.StartsWithSegments(DashboardSession.Path) && string.IsNullOrEmpty(request.Headers.Authorization)
                 && request.Cookies[DashboardSession.CookieName] is { Length: > 0 } cookie)
        {
            // A browser cannot put a bearer header on the dashboard's own requests: it carries this cookie.
            context.Token = cookie;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A token is good only while its session lives: one without a session id, or whose session was
    /// revoked (logout, refresh-token reuse), fails here, checked against this host's local set.
    /// </summary>
    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.Principal?.FindFirst(AccessTokens.SessionClaim)?.Value;
        if (string.IsNullOrEmpty(session))
        {
            context.Fail(new SecurityTokenValidationException("The access token names no session."));
        }
        else if (context.HttpContext.RequestServices.GetRequiredService<RevokedSessions>().IsRevoked(session))
        {
            context.Fail(new SessionEndedException());
        }

        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var failure = context.AuthenticateFailure;
        context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var problem = failure switch
        {
            null => Problems.Of(ApiErrors.TokenMissing, "Sign in and send the access token as 'Authorization: Bearer <token>'."),
            SecurityTokenExpiredException => Problems.Of(ApiErrors.TokenInvalid, "The access token has expired; refresh it."),
            SessionEndedException => Problems.Of(ApiErrors.TokenInvalid, "This sign-in has ended (signed out, or revoked); sign in again."),
            _ => Problems.Of(ApiErrors.TokenInvalid, "The access token is not valid."),
        };
        return problem.ExecuteAsync(context.HttpContext);
    }

    public override Task Forbidden(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.Of(ApiErrors.Forbidden, "Your account may not do this.").ExecuteAsync(context.HttpContext);
    }
}

/// <summary>The token's session was revoked.</summary>
public sealed class SessionEndedException() : SecurityTokenException("The session of this access token has ended.");
