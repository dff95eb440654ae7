using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Tiketi.Common;
using Tiketi.Silo.Clients;
using Tiketi.Silo.Hosting;
using Tiketi.TestSupport;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// A TIKETI cluster of real silo processes on one fresh PostgreSQL database (not migrated: the silos
/// do it at start), and Orleans clients in the test process configured like the API's. Disposing
/// kills every process still running, stops the clients and drops the database.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    public const int ActiveStatus = 3;
    public const int DeadStatus = 6;

    // Random test keys and database password: silos run as Production, which refuses placeholder secrets.
    // The test server trusts loopback and ignores the password.
    public const string PassKey = "5FIWy0gQ3lnj05u5pk1qUdKcIsVT4/+oxGzAVQKxooE=";
    public const string TicketKey = "NCDlmeAPLHAtV1uhCUW34mRsyOFd3Fsj9wQQA5mUs8E=";
    public const string DatabasePassword = "SvKjuiZO9TSsp8xNAW6_KfCVEN99hyq2";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresServer _postgres;
    private readonly List<IHost> _clients = [];
    private readonly List<SiloProcess> _all = [];
    private readonly HashSet<int> _ports = [];
    private int _started;

    private ProcessCluster(PostgresServer postgres, string connectionString, string clusterId)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        ClusterId = clusterId;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    /// <summary>The silo processes started so far that have not been killed or stopped.</summary>
    public List<SiloProcess> Silos { get; } = [];

    public static async Task<ProcessCluster> CreateAsync(PostgresServer postgres, string name) =>
        new(postgres, await postgres.CreateDatabaseAsync(name), $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 64)]);

    /// <summary>The environment an operator gives a silo: connection string, ports, cluster id, the two keys.</summary>
    public Dictionary<string, string> Environment(int siloPort, int gatewayPort, int metricsPort) => new()
    {
        ["ConnectionStrings__Tiketi"] = $"{ConnectionString};Password={DatabasePassword}",
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ClusterId,
        ["Orleans__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sale__PassSigningKey"] = PassKey,
        ["Sale__TicketSigningKey"] = TicketKey,
        ["Sale__HoldSweepInterval"] = "00:00:00.200",
        ["Sale__CountsReportInterval"] = "00:00:00.100",
        ["Sale__AdmissionTick"] = "00:00:00.200",
        ["DOTNET_ENVIRONMENT"] = "Production",

        // Each silo on one machine needs its own metrics and probe port too.
        ["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Metrics__Host"] = "127.0.0.1",
        ["Logging__Format"] = "text",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
    };

    /// <summary>Starts <paramref name="count"/> silo processes at once and waits until each reports it started.</summary>
    public async Task<List<SiloProcess>> StartSilosAsync(int count)
    {
        var silos = Enumerable.Range(0, count).Select(_ => Launch()).ToList();
        await Task.WhenAll(silos.Select(s => s.WaitStartedAsync(StartTimeout)));
        return silos;
    }

    public async Task<SiloProcess> StartSiloAsync() => (await StartSilosAsync(1))[0];

    public void Kill(SiloProcess silo)
    {
        silo.Kill();
        Silos.Remove(silo);
    }

    /// <summary>SIGTERM to every silo at once; each must exit by itself, and cleanly.</summary>
    public async Task<int[]> TerminateAllAsync(TimeSpan within)
    {
        var silos = Silos.ToList();
        await Task.WhenAll(silos.Select(s => s.TerminateAsync(within)));
        Silos.Clear();
        return [.. silos.Select(s => s.ExitCode)];
    }

    /// <summary>A client that finds the gateways in the membership table, as the API does.</summary>
    public async Task<IClusterClient> ConnectAsync() => await StartClientAsync(client => client.UseTiketiPostgresClustering(ConnectionString));

    /// <summary>
    /// A client configured as the API hosts' (retries of retry-safe calls, gateway refresh), except that it
    /// waits 30 s for an answer: these tests assert what callers see, not how fast a starved CI host is.
    /// </summary>
    public async Task<IClusterClient> ConnectAsTheApiAsync() => await StartClientAsync(
        client =>
        {
            client.UseTiketiPostgresClustering(ConnectionString).AddTiketiClientResilience();
            client.Services.Configure<ClientRetryOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        },
        keepTestTimeout: false);

    /// <summary>A client that talks to one silo's gateway only: proof that this silo serves calls.</summary>
    public async Task<IClusterClient> ConnectToAsync(SiloProcess silo) =>
        await StartClientAsync(client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)));

    public async Task StopClientsAsync()
    {
        foreach (var client in _clients)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.StopAsync(timeout.Token);
            client.Dispose();
        }

        _clients.Clear();
    }

    /// <summary>The silo process where <paramref name="grain"/> is active right now.</summary>
    public async Task<SiloProcess> HostOfAsync(IClusterClient client, IAddressable grain)
    {
        var address = await Resilient.CallAsync(() => client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain).AsTask());
        Assert.NotNull(address);
        return Assert.Single(Silos, s => s.SiloPort == address.Endpoint.Port);
    }

    /// <summary>(silo port, status) of every row of this cluster in the membership table.</summary>
    public async Task<List<(int Port, int Status)>> ReadMembershipAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT port, status FROM orleansmembershiptable WHERE deploymentid = @id ORDER BY port", connection);
        command.Parameters.AddWithValue("id", ClusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }

    /// <summary>Waits until the membership table shows exactly <paramref name="silos"/> active and <paramref name="dead"/> dead.</summary>
    public async Task<List<(int Port, int Status)>> WaitForMembershipAsync(
        IReadOnlyCollection<SiloProcess> silos, IReadOnlyCollection<SiloProcess> dead, TimeSpan within)
    {
        var expected = silos.Select(s => (s.SiloPort, ActiveStatus))
            .Concat(dead.Select(s => (s.SiloPort, DeadStatus)))
            .OrderBy(r => r.Item1).ToList();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var rows = await ReadMembershipAsync();
            var relevant = rows.Where(r => expected.Any(e => e.Item1 == r.Port)).OrderBy(r => r.Port).ToList();
            if (relevant.SequenceEqual(expected) && rows.Count(r => r.Status == ActiveStatus) == silos.Count)
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Membership is [{string.Join(", ", rows)}], expected [{string.Join(", ", expected)}] within {within}.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Everything the silo processes printed (their last lines), for the test output.</summary>
    public void WriteOutput(ITestOutputHelper output)
    {
        foreach (var silo in _all)
        {
            output.WriteLine(silo.Output());
        }
    }

    /// <summary>Runs a test body; when it fails, the silos' output goes to the test output first.</summary>
    public async Task RunAsync(ITestOutputHelper output, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            WriteOutput(output);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _all)
        {
            silo.Dispose();
        }

        try
        {
            await StopClientsAsync();
        }
        finally
        {
            await _postgres.DropDatabaseAsync(ConnectionString);
        }
    }

    private SiloProcess Launch()
    {
        var (siloPort, gatewayPort, metricsPort) = (NewPort(), NewPort(), NewPort());
        var name = $"silo{Interlocked.Increment(ref _started)}";
        var silo = SiloProcess.Start(name, Environment(siloPort, gatewayPort, metricsPort), siloPort, gatewayPort);
        _all.Add(silo);
        Silos.Add(silo);
        return silo;
    }

    // FreePort may hand out a port twice in a row; every silo of this cluster needs its own two.
    private int NewPort()
    {
        while (true)
        {
            var port = FreePort.Next();
            if (_ports.Add(port))
            {
                return port;
            }
        }
    }

    private async Task<IClusterClient> StartClientAsync(Action<IClientBuilder> clustering, bool keepTestTimeout = true)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                clustering(client);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
                client.AddMemoryStreams(SaleStreams.Provider);

                // A call stuck on a killed silo fails after this long and is retried, instead of after 30 s.
                if (keepTestTimeout)
                {
                    client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
                }
            })
            .Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }
}
