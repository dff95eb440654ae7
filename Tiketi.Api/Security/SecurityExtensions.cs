using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tiketi.Api.Security;

/// <summary>Everything that makes the host hard to abuse by default, in one place.</summary>
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddTiketiSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddKeyPerFile("/run/secrets", optional: true, reloadOnChange: false);
        builder.ValidateSecrets();
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTiketiRateLimiting(options);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<Queue.ProofOfWork>();
        builder.Services.AddSingleton<SecurityLog>();
        builder.Services.AddSingleton<QueuePollGuard>();
        builder.Services.AddSingleton<ApiRefusals>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiRefusals>());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only configured proxies are believed. ASP.NET Core believes anyone once both lists are
            // empty, so with none configured the headers are not read at all.
            var trusted = options.KnownProxies.Length > 0 || options.KnownNetworks.Length > 0;
            forwarded.ForwardedHeaders = trusted ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // TLS ends at the load balancer; clients are sent to the standard port it listens on.
        builder.Services.AddHttpsRedirection(https => https.HttpsPort = builder.Configuration.GetValue("Security:HttpsPort", 443));
        builder.Services.AddHsts(hsts => (hsts.MaxAge, hsts.IncludeSubDomains) = (TimeSpan.FromDays(365), true));
        return builder;
    }

    public static WebApplication UseTiketiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseTiketiSecurityHeaders();
        app.UseRepeatedQueryKeyRejection();
        app.UseAdminActionLog();
        app.UseDashboardAddressGuard();
        return app;
    }
}
