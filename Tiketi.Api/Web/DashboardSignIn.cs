namespace Tiketi.Api.Web;

/// <summary>
/// Someone opening /dashboard in a browser without an operator session is sent to sign in (and from
/// there to the operator console, whose button opens the dashboard) instead of reading a 401 in JSON.
/// The dashboard's own API calls and non-browser clients still get their problem details.
/// </summary>
public static class DashboardSignIn
{
    public const string DashboardPath = "/dashboard";
    public const string SignInPath = "/signin.html?return=%2Fadmin%2F";

    /// <summary>Runs after authentication, so a valid dashboard cookie is already a signed-in user.</summary>
    public static IApplicationBuilder UseDashboardSignIn(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method)
                && (request.Path.Equals(DashboardPath, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(DashboardPath + "/", StringComparison.OrdinalIgnoreCase)
                    || request.Path.Equals(DashboardPath + "/index.html", StringComparison.OrdinalIgnoreCase))
                && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                && context.User.Identity?.IsAuthenticated != true)
            {
                context.Response.Redirect(SignInPath);
                return Task.CompletedTask;
            }

            return next(context);
        });
}
