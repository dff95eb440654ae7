using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Prometheus;
using Tiketi.Observability;

namespace Tiketi.Silo.Observability;

/// <summary>
/// What every TIKETI host shares: Serilog, the business meter exported to Prometheus next to Orleans'
/// meters and the .NET runtime, the queue-length publishers, and a PostgreSQL readiness check when a
/// database is configured. Silos add <see cref="SiloObservabilityExtensions.AddTiketiSiloObservability"/>,
/// the API its own HTTP pieces.
/// </summary>
public static class TiketiTelemetryExtensions
{
    public const string ConnectionStringName = "Tiketi";

    public static IHostApplicationBuilder AddTiketiTelemetry(this IHostApplicationBuilder builder, string application)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTiketiLogging(application);
        ConfigurePrometheusDefaults();

        var services = builder.Services;
        services.AddMetrics();
        services.TryAddSingleton<TiketiMetrics>();
        services.AddSingleton<TiketiPrometheusBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<TiketiPrometheusBridge>());

        services.AddOptions<QueueMetricsOptions>()
            .Bind(builder.Configuration.GetSection(QueueMetricsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<EmfOptions>()
            .Bind(builder.Configuration.GetSection(EmfOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueMetricsPublisher, PrometheusQueueMetricsPublisher>(_ => new PrometheusQueueMetricsPublisher()));
        if (builder.Configuration.GetValue<bool>($"{EmfOptions.Section}:{nameof(EmfOptions.Enabled)}"))
        {
            services.TryAddSingleton<EmfQueueMetricsPublisher>();
            services.AddSingleton<IQueueMetricsPublisher>(sp => sp.GetRequiredService<EmfQueueMetricsPublisher>());
        }

        if (builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
        {
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                "postgres", _ => new PostgresHealthCheck(connectionString), HealthStatus.Unhealthy, ["ready"], PostgresHealthCheck.Timeout * 2));
        }

        return builder;
    }

    /// <summary>
    /// Pre-warming (<see cref="PrewarmService"/>) for a process that hosts a silo: it reads the event
    /// catalogue through the grain factory and publishes the capacity floor.
    /// </summary>
    public static IHostApplicationBuilder AddTiketiPrewarming(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PrewarmOptions>()
            .Bind(builder.Configuration.GetSection(PrewarmOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (builder.Configuration.GetValue($"{PrewarmOptions.Section}:{nameof(PrewarmOptions.PrewarmEnabled)}", true))
        {
            builder.Services.AddHostedService<PrewarmService>();
        }

        return builder;
    }

    /// <summary>
    /// prometheus-net's defaults, set once per process before the first scrape: process and runtime figures,
    /// and every .NET meter except TIKETI's own (exported by <see cref="TiketiPrometheusBridge"/>). The old
    /// EventCounter bridge is off: the runtime publishes the same figures as a meter since .NET 9. The
    /// runtime's private diagnostics meters (QUIC internals) are left out.
    /// </summary>
    public static void ConfigurePrometheusDefaults()
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i =>
            i.Meter.Name != TiketiMetrics.MeterName && !i.Meter.Name.StartsWith("Private.", StringComparison.Ordinal));
    }
}
