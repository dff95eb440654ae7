using Microsoft.AspNetCore.SignalR;
using Prometheus;
using Serilog;
using Serilog.Events;
using Tiketi.Api.Hosting;
using Tiketi.Silo.Observability;

namespace Tiketi.Api.Observability;

/// <summary>
/// The API host's observability: Serilog with request logging and correlation ids, the business and
/// HTTP metrics on <c>/metrics</c>, the SignalR connection gauge, a PostgreSQL readiness check when a
/// database is configured, and (for the embedded silo) the queue-length publishers.
/// </summary>
public static class ObservabilityExtensions
{
    public static WebApplicationBuilder AddTiketiObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTiketiTelemetry("Tiketi.Api");
        if (builder.Configuration.IsEmbedded())
        {
            // The embedded default hosts the silo, so it also publishes the pre-warm floor.
            builder.AddTiketiPrewarming();
        }

        builder.AddTiketiMetricsPort();
        builder.Services.AddSingleton<ConnectionCountingHubFilter>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<ConnectionCountingHubFilter>());

        // Outermost, so that every log line of a request, including the request log itself, carries its id.
        builder.Services.AddTransient<IStartupFilter, ObservabilityStartupFilter>();
        return builder;
    }

    /// <summary>
    /// HTTP metrics per route. The scrape endpoint is not public: Prometheus scrapes the private
    /// <c>Metrics:Port</c> (see <see cref="MetricsAccess"/>); on the public port <c>/metrics</c> answers
    /// only a request bearing <c>Metrics:ScrapeToken</c>, and 404 to anyone else.
    /// </summary>
    public static WebApplication MapTiketiMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHttpMetrics(o => o.AddCustomLabel("endpoint", RouteOf));
        app.UseMiddleware<MetricsAccess>();
        app.MapMetrics("/metrics").AllowAnonymous().DisableRateLimiting().ExcludeFromDescription();
        return app;
    }

    /// <summary>The route template, never the raw path: ids in paths would make a series per buyer.</summary>
    public static string RouteOf(HttpContext context) =>
        (context?.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";

    private sealed class ObservabilityStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<CorrelationIdMiddleware>();
            app.UseSerilogRequestLogging(o =>
            {
                // This host's logger: the static one is not set (each host keeps its own pipeline, TiketiLogging).
                o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
                o.GetLevel = LevelOf;
                o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("Endpoint", RouteOf(http));
            });
            next(app);
        };

        /// <summary>Probes and scrapes every few seconds would drown the log; they are logged only when they fail.</summary>
        private static LogEventLevel LevelOf(HttpContext http, double elapsed, Exception? exception)
        {
            if (exception is not null || http.Response.StatusCode >= 500)
            {
                return LogEventLevel.Error;
            }

            var path = http.Request.Path;
            return path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health")
                ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        }
    }
}
