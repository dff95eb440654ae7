using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Tiketi.Silo.Observability;

public enum LogFormat
{
    /// <summary>JSON when standard output is redirected (a container, a pipe), text on a terminal.</summary>
    Auto = 0,
    Json = 1,
    Text = 2,
}

/// <summary>
/// Serilog for every TIKETI host: compact JSON (one event a line, for Promtail and Loki) when stdout is
/// not a terminal, readable text when it is; "Logging:Format" (auto, json, text) forces either. Levels can
/// be tuned in the "Serilog" configuration section. Correlation ids are attached and secrets masked.
/// </summary>
public static class TiketiLogging
{
    public const string FormatKey = "Logging:Format";

    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static IHostApplicationBuilder AddTiketiLogging(this IHostApplicationBuilder builder, string application)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var format = ResolveFormat(configuration[FormatKey], Console.IsOutputRedirected);
        // preserveStaticLogger: each host logs through its own pipeline. Without it Serilog routes every host's
        // ILogger through the static Log.Logger, which the last host started replaces: with several hosts in one
        // process (the test suites, an embedded host beside a test silo) events went to another host's sinks.
        builder.Services.AddSerilog((services, logger) => Configure(logger, configuration, services, application, format), preserveStaticLogger: true);
        return builder;
    }

    public static LogFormat ResolveFormat(string? configured, bool outputRedirected)
    {
        var format = Enum.TryParse<LogFormat>(configured, ignoreCase: true, out var parsed) ? parsed : LogFormat.Auto;
        return format != LogFormat.Auto ? format : outputRedirected ? LogFormat.Json : LogFormat.Text;
    }

    public static LoggerConfiguration Configure(
        LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services, string application, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)

            // Orleans 10 places grains through a Polly pipeline whose telemetry logs every attempt at Information.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Serilog.AspNetCore.RequestLoggingMiddleware", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<CorrelationIdEnricher>()
            .Enrich.WithProperty("Application", application)
            .Enrich.With<SecretRedactionEnricher>();
        return format == LogFormat.Json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
