using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Tiketi.Silo.Storage;

/// <summary>
/// The silo-wide group committer behind the PostgreSQL grain storage providers and the grain journal:
/// operations of many grains share transactions (see <see cref="CommitLane"/>). Each key (a grain's
/// state, a journal) always goes to the same committer, so its operations stay in order.
/// </summary>
public sealed class StorageCommitter : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly CommitLane[] _lanes;
    private int _disposed;

    public StorageCommitter(IOptions<PostgresStorageOptions> options, IOptions<ClusterOptions> cluster, StorageOutage outage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        var settings = options.Value;
        ServiceId = cluster.Value.ServiceId;
        Outage = outage;
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "tiketi-storage";

        // The committers send the same few statements all day: prepared once per connection.
        builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;

        // A connection attempt during an outage should fail fast and be retried, not hang.
        if (builder.ConnectionStringBuilder.Timeout is <= 0 or > 5)
        {
            builder.ConnectionStringBuilder.Timeout = 5;
        }

        _dataSource = builder.Build();
        _lanes = new CommitLane[settings.Connections];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new CommitLane(_dataSource, settings, outage, ServiceId);
        }
    }

    /// <summary>The cluster's ServiceId: every row this silo reads or writes belongs to it.</summary>
    public string ServiceId { get; }

    public StorageOutage Outage { get; }

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Queues <paramref name="operation"/>; its task completes once its transaction has committed.</summary>
    internal Task SubmitAsync(StorageOperation operation)
    {
        var lane = (uint)StringComparer.Ordinal.GetHashCode(operation.Key) % (uint)_lanes.Length;
        _lanes[lane].Submit(operation);
        return operation.Completion;
    }

    /// <summary>Opens every committer's connection (see <see cref="StorageWarmUp"/>).</summary>
    internal Task WarmUpAsync()
    {
        var pings = new Task[_lanes.Length];
        for (var i = 0; i < _lanes.Length; i++)
        {
            var ping = new PingOperation();
            _lanes[i].Submit(ping);
            pings[i] = ping.Completion;
        }

        return Task.WhenAll(pings);
    }

    /// <summary>Hosts disposed synchronously (<c>using var host</c>) stop the committers too.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
