namespace Tiketi.Api.Security;

/// <summary>
/// Headers every response carries. The CSP allows only our own scripts and styles and the SignalR
/// WebSocket on our own origin; nothing may frame the site. Images may also come over https: an event's
/// poster is an operator-given URL.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; "
        + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>A page that needs its own policy (the API reference's inline script, by hash) sets it in HttpContext.Items under this key.</summary>
    public const string PolicyOverrideKey = "tiketi.csp";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), usb=(), payment=(self)";

    public static IApplicationBuilder UseTiketiSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[PolicyOverrideKey] as string ?? ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
