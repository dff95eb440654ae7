using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Tiketi.Silo.Observability;

/// <summary>
/// A silo has no web host, so it runs this tiny Kestrel endpoint on <see cref="MetricsEndpointOptions.Port"/>:
/// <c>/metrics</c> for Prometheus, <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the
/// silo is an active cluster member and PostgreSQL answers), for orchestrators and load balancers.
/// </summary>
public sealed partial class SiloTelemetryServer(
    IOptions<MetricsEndpointOptions> options,
    HealthCheckService health,
    ILogger<SiloTelemetryServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the endpoint listens on once started (useful when the port was 0 in tests).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Port == 0)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(settings.Host), settings.Port));
        _app = builder.Build();
        _app.MapMetrics("/metrics");
        _app.MapGet("/health/live", () => Results.Text("Healthy"));
        _app.MapGet("/health/ready", ReadyAsync);
        await _app.StartAsync(cancellationToken);
        Address = new Uri($"http://{(settings.Host == "0.0.0.0" ? "127.0.0.1" : settings.Host)}:{settings.Port}/");
        LogListening(logger, Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ReadyAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), cancellationToken);
        return report.Status == HealthStatus.Unhealthy
            ? Results.Text(report.Status.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text(report.Status.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics and health probes on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);
}
