using Tiketi.Api.Accounts;

namespace Tiketi.Api.Security;

/// <summary>
/// Every change an operator makes (a non-GET request to /api/admin, or opening the dashboard) is logged
/// once, after the answer, with the admin's account id, the route template (never ids of buyers in a
/// path) and the status. It sits before authentication and reads the user once the request is done.
/// </summary>
public static class AdminActionLog
{
    public static IApplicationBuilder UseAdminActionLog(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                || !(request.Path.StartsWithSegments("/api/admin") || request.Path.StartsWithSegments("/api/auth/dashboard-session"))
                || !context.User.IsInRole(ClaimsPrincipalExtensions.AdminRole)
                || context.User.FindFirst("sub")?.Value is not { } admin)
            {
                return;
            }

            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value ?? "";
            context.RequestServices.GetRequiredService<SecurityLog>().AdminAction(admin, request.Method, route, context.Response.StatusCode);
        });
}
