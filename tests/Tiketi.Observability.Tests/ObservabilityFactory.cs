using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;
using Tiketi.Api.Hosting;
using Tiketi.Common;
using Tiketi.Silo.Observability;

namespace Tiketi.Observability.Tests;

/// <summary>
/// The API in its embedded mode (one in-memory silo in the process) with a hand-driven sale clock, a
/// fast queue-metrics period, EMF lines written to a temporary file, every log event captured, and a
/// grain call filter that records the correlation id each grain call arrived with.
/// </summary>
public sealed class ObservabilityFactory : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string EmfFile { get; } = Path.Combine(Path.GetTempPath(), $"tiketi-emf-{Guid.NewGuid():N}.jsonl");

    public CapturedLogs Logs { get; } = new();

    public GrainCallCorrelations GrainCalls { get; } = new();

    public const string AdminPassword = "Admin-Passw0rd-for-tests!";

    public static TimeSpan PublishInterval { get; } = TimeSpan.FromMilliseconds(200);

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = $"obs-tests-{Guid.NewGuid():N}"[..30],
        ["Auth:SigningKey"] = "tests-jwt-signing-key-0123456789abcdef-0123456789",
        ["Auth:AdminEmail"] = "admin@tiketi.test",
        ["Auth:AdminPassword"] = AdminPassword,
        ["Sale:PassSigningKey"] = "tests-pass-signing-key-0123456789abcdef",
        ["Sale:TicketSigningKey"] = "tests-ticket-signing-key-0123456789abcdef",
        ["Sale:HoldSweepInterval"] = "00:00:00.100",
        ["Sale:AdmissionTick"] = "00:00:00.100",
        ["Sale:PaymentTimeout"] = "00:00:00.500",
        ["Security:AccountRequestsPerMinute"] = "1000000",
        ["Security:AccountBurst"] = "1000000",
        ["Security:AnonymousRequestsPerMinute"] = "1000000",
        ["Security:SignInRequestsPerMinute"] = "1000000",
        ["Security:QueuePollsPerMinute"] = "10000",
        ["Security:MacroPollsPerMinute"] = "100000",
        ["Metrics:ScrapeToken"] = ScrapeToken,
        ["Security:SaleActionsPerMinute"] = "10000",
        ["QueueMetrics:PublishInterval"] = "00:00:00.200",
        ["Autoscaling:PrewarmInterval"] = "00:00:00.200",
        ["Logging:Format"] = "json",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    /// <summary>/metrics is not public (issue #16): the tests scrape it as Prometheus would, with the scrape token.</summary>
    public const string ScrapeToken = "observability-tests-scrape-token-4d2a";

    public async Task<string> ScrapeAsync()
    {
        using var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ScrapeToken);
        return await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        Settings["QueueMetrics:Emf:Enabled"] = "true";
        Settings["QueueMetrics:Emf:Target"] = $"file:{EmfFile}";
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // The demo event would dominate the pre-warm floor; tests create their own events.
            foreach (var seeder in services.Where(d => d.ImplementationType == typeof(DemoSeeder)).ToList())
            {
                services.Remove(seeder);
            }

            services.AddSaleClock(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<IIncomingGrainCallFilter>(GrainCalls);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(EmfFile);
    }
}

/// <summary>Every log event the host writes, rendered as the JSON formatter would see its properties.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}

/// <summary>Records, per grain interface method, the correlation ids grain calls arrived with.</summary>
public sealed class GrainCallCorrelations : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string Method, string? CorrelationId)> _calls = new();

    public IReadOnlyList<(string Method, string? CorrelationId)> Calls => [.. _calls];

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _calls.Enqueue((context.InterfaceMethod?.Name ?? context.MethodName, Correlation.Current));
        return context.Invoke();
    }
}

[CollectionDefinition(Name)]
public sealed class ObservabilityCollection : ICollectionFixture<ObservabilityFactory>
{
    public const string Name = "observability host";
}
