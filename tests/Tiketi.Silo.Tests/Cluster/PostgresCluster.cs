using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Tiketi.Silo.Hosting;
using Tiketi.Silo.Schema;
using Tiketi.Silo.Storage;
using Tiketi.TestSupport;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Cluster;

/// <summary>
/// Real silos (TCP on free loopback ports) and clients sharing one freshly migrated database through
/// <see cref="PostgresSiloBuilderExtensions.UseTiketiPostgres"/>. Disposing stops them all and drops
/// the database.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly List<IHost> _clients = [];
    private readonly PostgresServer _postgres;
    private readonly bool _ownsDatabase;

    private PostgresCluster(PostgresServer postgres, string connectionString, string clusterId, bool ownsDatabase = true)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        ClusterId = clusterId;
        _ownsDatabase = ownsDatabase;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public List<IHost> Silos { get; } = [];

    public IGrainFactory Grains => Silos[^1].Services.GetRequiredService<IGrainFactory>();

    public static async Task<PostgresCluster> CreateAsync(PostgresServer postgres, string name)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString);
        return new PostgresCluster(postgres, connectionString, $"{name}-{Guid.NewGuid():N}");
    }

    /// <summary>Another cluster (its own ServiceId) on the same database; the first one drops the database.</summary>
    public PostgresCluster AnotherService(string name) =>
        new(_postgres, ConnectionString, $"{name}-{Guid.NewGuid():N}", ownsDatabase: false);

    public async Task<IHost> StartSiloAsync(Action<PostgresStorageOptions>? storage = null)
    {
        var silo = new HostBuilder()
            .UseOrleans(builder => builder
                .UseTiketiPostgres(ConnectionString, storage)
                .Configure<ClusterOptions>(ConfigureCluster)
                .ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next()))
            .Build();
        await silo.StartAsync();
        Silos.Add(silo);
        return silo;
    }

    public async Task<IClusterClient> StartClientAsync()
    {
        var client = new HostBuilder()
            .UseOrleansClient(builder => builder
                .UseTiketiPostgresClustering(ConnectionString)
                .Configure<ClusterOptions>(ConfigureCluster))
            .Build();
        await client.StartAsync();
        _clients.Add(client);
        return client.Services.GetRequiredService<IClusterClient>();
    }

    public async Task StopSilosAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        Silos.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.StopAsync();
            client.Dispose();
        }

        await StopSilosAsync();
        if (_ownsDatabase)
        {
            await _postgres.DropDatabaseAsync(ConnectionString);
        }
    }

    private void ConfigureCluster(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ClusterId;
    }
}
