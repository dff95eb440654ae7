using Microsoft.AspNetCore.Authentication;
using Orleans.Runtime;
using Tiketi.Api.Errors;

namespace Tiketi.Api.Security;

/// <summary>
/// The Orleans Dashboard's per-silo routes (/dashboard/SiloStats/{address} and the like) parse the address
/// and throw on a malformed one, which would answer 500. Here such a request is answered 404 before it gets
/// there, as is any address the dashboard then fails on: "no such silo", not a server error.
/// </summary>
public static class DashboardAddressGuard
{
    private static readonly string[] SiloRoutes = ["/SiloProperties/", "/SiloMetadata/", "/SiloStats/", "/SiloCounters/", "/HistoricalStats/"];

    public static IApplicationBuilder UseDashboardAddressGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments(Accounts.DashboardSession.Path, out var rest) || SiloRoutes.FirstOrDefault(r => rest.Value!.StartsWith(r, StringComparison.OrdinalIgnoreCase)) is not { } route)
            {
                await next(context);
                return;
            }

            // Only an admin learns that the address is malformed; anyone else is refused as before (401/403).
            if (!IsSiloAddress(rest.Value![route.Length..])
                && (await context.AuthenticateAsync()).Principal?.IsInRole(Accounts.ClaimsPrincipalExtensions.AdminRole) == true)
            {
                await NotFoundAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception) when (!context.Response.HasStarted)
            {
                await NotFoundAsync(context);
            }
        });

    private static bool IsSiloAddress(string text)
    {
        try
        {
            return text.Length is > 0 and < 256 && SiloAddress.FromParsableString(Uri.UnescapeDataString(text)) is not null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.Clear();
        return Problems.Of(ApiErrors.NotFound, "No such silo.").ExecuteAsync(context);
    }
}
