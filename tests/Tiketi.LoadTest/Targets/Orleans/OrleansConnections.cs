using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Tiketi.Common;
using Tiketi.LoadTest.Measuring;
using Tiketi.Silo.Clients;
using Tiketi.Silo.Hosting;

namespace Tiketi.LoadTest.Targets.Orleans;

/// <summary>Opens the Orleans side of a run: a client of a running cluster, or a silo of its own in this process.</summary>
public static class OrleansConnections
{
    /// <summary>
    /// A client of a running cluster: through gateways ("127.0.0.1:30000", the embedded API host's
    /// default) or through the PostgreSQL membership table of a cluster of Tiketi.Silo processes.
    /// </summary>
    public static async Task<OrleansSaleTarget> ConnectAsync(
        IReadOnlyList<string> gateways, string? postgres, string clusterId, string serviceId, TimeSpan holdGrace, TimeSpan retryBudget, bool coalesce,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter((_, level) => level >= LogLevel.Warning && !ShutdownLogs.Quiet);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            // As the API hosts do: retry-safe calls ride out a failover within the budget (0: never retried).
            client.Services.Configure<ClientRetryOptions>(o => o.RetryBudget = retryBudget);
            client.AddTiketiClientResilience();
            client.AddMemoryStreams(SaleStreams.Provider);
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                client.UseTiketiPostgresClustering(postgres);
            }
            else
            {
                client.UseStaticClustering([.. gateways.Select(Endpoint)]);
            }
        });
        var host = builder.Build();
        ShutdownLogs.Quiet = false;
        await host.StartAsync(cancellationToken);
        return new OrleansSaleTarget("silo", host, host.Services.GetRequiredService<IClusterClient>(), TimeProvider.System, holdGrace, coalesce)
        {
            Retries = host.Services.GetRequiredService<ClientRetryCounts>(),
        };
    }

    /// <summary>
    /// One in-memory silo inside the load tool, as the embedded API hosts one. Its sale clock runs
    /// <paramref name="timeScale"/> times faster than real time, so minute-long holds expire within a
    /// CI run; everything else (timers, sweeps, admission ticks) runs on real time as in production.
    /// </summary>
    public static async Task<OrleansSaleTarget> StartInProcessAsync(double timeScale, GrainCostCounter? costs, bool coalesce, CancellationToken cancellationToken)
    {
        var sweep = TimeSpan.FromMilliseconds(500);
        var clock = timeScale == 1 ? TimeProvider.System : new ScaledTimeProvider(timeScale);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter((_, level) => level >= LogLevel.Warning && !ShutdownLogs.Quiet);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sale:HoldSweepInterval"] = sweep.ToString(),
            ["Sale:PassSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Sale:TicketSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        var ports = new OrleansHostingOptions { ClusterId = "loadtest", ServiceId = "loadtest", SiloPort = FreePort(), GatewayPort = FreePort() };
        builder.UseOrleans(silo =>
        {
            silo.UseTiketiInMemory(ports).AddTiketiSaleEngine(builder.Configuration);
            silo.Services.AddSaleClock(clock);
            if (costs is not null)
            {
                silo.Services.AddSingleton<IIncomingGrainCallFilter>(costs);
                foreach (var storage in new[] { StorageNames.Sale, "PubSubStore" })
                {
                    silo.Services.AddKeyedSingleton(storage, (sp, _) => costs.Count(storage, MemoryGrainStorageFactory.Create(sp, storage)));
                }
            }
        });
        var host = builder.Build();
        ShutdownLogs.Quiet = false;
        await host.StartAsync(cancellationToken);

        // A hold may be seen up to one sweep (plus a turn) past its expiry, which is timeScale times longer in sale time.
        var grace = (sweep + TimeSpan.FromSeconds(1)) * timeScale;
        return new OrleansSaleTarget("inproc", host, host.Services.GetRequiredService<IClusterClient>(), clock, grace, coalesce) { Costs = costs };
    }

    private static IPEndPoint Endpoint(string gateway) =>
        IPEndPoint.TryParse(gateway, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new Cli.UsageException($"--gateway {gateway}: give an ip:port, e.g. 127.0.0.1:30000.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Once a run is over, the noise of stopping (calls still in flight to a silo going away) is not worth printing.</summary>
public static class ShutdownLogs
{
    public static bool Quiet { get; set; }
}

/// <summary>A clock that runs <c>scale</c> times faster than the system's from the moment it is made.</summary>
public sealed class ScaledTimeProvider(double scale) : TimeProvider
{
    private readonly DateTimeOffset _origin = TimeProvider.System.GetUtcNow();
    private readonly long _originTicks = TimeProvider.System.GetTimestamp();

    public double Scale { get; } = scale;

    public override DateTimeOffset GetUtcNow() =>
        _origin + (TimeProvider.System.GetElapsedTime(_originTicks) * Scale);
}
