using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Tiketi.Api.Hosting;

/// <summary>Cross-cutting host defaults: JSON shape, OpenAPI with its interactive page, health endpoints.</summary>
public static class ApiDefaultsExtensions
{
    /// <summary>Deeper JSON than this is an attack or a bug, never a ticket order.</summary>
    public const int MaxJsonDepth = 32;

    public static WebApplicationBuilder AddTiketiApiDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.MaxDepth = MaxJsonDepth;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapTiketiApiDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The API reference tells an attacker the whole surface: Production serves it only when asked to.
        if (!app.Environment.IsProduction() || app.Configuration.GetValue<bool>("Security:PublishApiReference"))
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference(o => o.WithTitle("TIKETI API")).AllowAnonymous();
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
