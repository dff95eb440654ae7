using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddSingleton<SiloTelemetryServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloTelemetryServer>());
        return builder;
    }
}
