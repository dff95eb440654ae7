using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Tiketi.Silo.Observability;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class HealthTests(ObservabilityFactory factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task ApiProbe_EmbeddedCluster_Healthy(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostgresCheck_NothingListening_UnhealthyQuicklyWithoutTheConnectionString()
    {
        var port = ObservabilityFactory.FreePort();
        var check = new PostgresHealthCheck($"Host=127.0.0.1;Port={port};Database=tiketi;Username=tiketi;Password=very-secret-pw");

        var started = DateTime.UtcNow;
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("very-secret-pw", result.Description, StringComparison.Ordinal);
        Assert.Null(result.Exception);
    }

    [Fact]
    public async Task SiloEndpoint_ServesMetricsAndProbes_ReadyOnlyWithAnActiveSilo()
    {
        var port = ObservabilityFactory.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Metrics:Host"] = "127.0.0.1",
            ["Logging:Format"] = "json",
            ["Autoscaling:PrewarmEnabled"] = "false",
        });
        builder.AddTiketiSiloObservability();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = host.Services.GetRequiredService<SiloTelemetryServer>().Address };

            var metrics = new PrometheusText(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.NotNull(metrics.TypeOf("process_cpu_seconds_total"));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task SiloProbe_DatabaseUnreachable_PostgresCheckIsDegradedNotUnhealthy()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tiketi"] = $"Host=127.0.0.1;Port={ObservabilityFactory.FreePort()};Database=tiketi;Username=tiketi;Password=unused-password",
            ["Metrics:Port"] = "0",
            ["Autoscaling:PrewarmEnabled"] = "false",
        });
        builder.AddTiketiSiloObservability();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "postgres");

        // The silo's storage waits for the database and recovers by itself: degraded, still ready.
        Assert.Equal(HealthStatus.Degraded, report.Entries["postgres"].Status);
    }
}
