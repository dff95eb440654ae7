using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Tiketi.Silo.Observability;

/// <summary>Logs, metrics, queue-length publishing and probes of a cluster silo.</summary>
public static class SiloObservabilityExtensions
{
    public static IHostApplicationBuilder AddTiketiSiloObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTiketiTelemetry("Tiketi.Silo");
        builder.AddTiketiPrewarming();
        builder.Services.AddOptions<MetricsEndpointOptions>()
            .Bind(builder.Configuration.GetSection(MetricsEndpointOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck<SiloStatusHealthCheck>("silo", tags: ["ready"]);

        // A silo whose database is away is degraded, not dead: its storage waits and retries, and it serves
        // again by itself when the database is back (restarting it would gain nothing).
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Name == "postgres"))
            {
                registration.FailureStatus = HealthStatus.Degraded;
            }
        });
        builder.Services.AddSingleton<SiloTelemetryServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloTelemetryServer>());
        return builder;
    }
}
