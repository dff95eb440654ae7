using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;

namespace Tiketi.Api.Accounts;

/// <summary>
/// The Orleans Dashboard at /dashboard, for admins only. An admin's page trades its bearer token for an
/// HttpOnly cookie scoped to /dashboard, so the dashboard's own requests are authenticated too.
/// </summary>
public static class DashboardSession
{
    public const string Path = "/dashboard";
    public const string CookieName = "tiketi_dashboard";

    public static IEndpointRouteBuilder MapTiketiDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy);
        routes.MapPost("/api/auth/dashboard-session", Open).RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy)
            .WithTags("Auth").WithName("OpenDashboardSession").WithSummary("Admins: set the cookie that opens /dashboard in this browser.");
        return routes;
    }

    private static NoContent Open(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.NoContent();
        }

        var token = header["Bearer ".Length..];
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = TimeSpan.FromMinutes(15),
        });
        return TypedResults.NoContent();
    }
}
