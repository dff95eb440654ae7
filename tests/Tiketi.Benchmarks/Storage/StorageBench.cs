using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Tiketi.Silo.Hosting;
using Tiketi.Silo.Schema;
using Tiketi.Silo.Storage;

namespace Tiketi.Benchmarks.Storage;

/// <summary>
/// Grain writes per second and PostgreSQL transactions per write, Orleans' ADO.NET provider (as main had
/// it: one transaction per write, Newtonsoft JSON) against TIKETI's group-committing provider, side by
/// side on one server; and the time to load a journal of a million queue-like records. Not a
/// BenchmarkDotNet run: each figure is a whole silo under concurrent load, against a real database.
/// </summary>
internal static class StorageBench
{
    private const int SiloPort = 11610;
    private const int GatewayPort = 30610;

    /// <summary>
    /// <c>--storage CONNECTION [writers] [seconds] [payload bytes] [rounds] [connections]</c>: alternates
    /// the two providers <c>rounds</c> times, each run in a fresh database on the server.
    /// </summary>
    public static async Task RunWritesAsync(string connectionString, int writers, int seconds, int payload, int rounds, int connections, TextWriter output)
    {
        output.WriteLine($"# grain writes: {writers} grains writing in a loop for {seconds} s each, {payload}-byte payload; TIKETI committers: {connections}");
        output.WriteLine("provider   writes/s   transactions/write   write-xids/write   p50 ms   p99 ms");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var provider in new[] { "adonet", "tiketi" })
            {
                var result = await RunOnceAsync(connectionString, provider, writers, seconds, payload, connections);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{provider,-9} {result.WritesPerSecond,9:0}   {result.TransactionsPerWrite,18:0.000}   {result.XidsPerWrite,16:0.000}   {result.P50,6:0.0}   {result.P99,6:0.0}"));
            }
        }
    }

    /// <summary><c>--journal-load CONNECTION [records] [bytes per record]</c>: writes a journal straight into the table, then times loads.</summary>
    public static async Task RunJournalLoadAsync(string connectionString, int records, int size, TextWriter output)
    {
        var database = await CreateDatabaseAsync(connectionString, "journal");
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await using var fill = new NpgsqlCommand(
                    """
                    INSERT INTO tiketi_journal_record (service_id, journal_id, sequence, payload)
                    SELECT 'bench', 'queue/bench', s, decode(repeat(md5(s::text), ($1 + 31) / 32), 'hex')
                    FROM generate_series(0, $2 - 1) AS s
                    """, connection);
                fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size * 2 });
                fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = records });
                fill.CommandTimeout = 600;
                await fill.ExecuteNonQueryAsync();
                await using var analyze = new NpgsqlCommand("VACUUM ANALYZE tiketi_journal_record", connection);
                await analyze.ExecuteNonQueryAsync();
            }

            await using var committer = new StorageCommitter(
                Options.Create(new PostgresStorageOptions { ConnectionString = database }),
                Options.Create(new ClusterOptions { ServiceId = "bench" }),
                new StorageOutage(NullLogger<StorageOutage>.Instance, TimeProvider.System));
            var journal = new PostgresGrainJournal(committer);
            output.WriteLine($"# journal load: {records:N0} records of {size} bytes");
            for (var run = 1; run <= 4; run++)
            {
                var clock = Stopwatch.StartNew();
                var contents = await journal.LoadAsync("queue/bench");
                clock.Stop();
                var bytes = contents.Records.Sum(r => (long)r.Payload.Length);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {contents.Records.Count:N0} records, {bytes / 1024.0 / 1024.0:0.0} MiB in {clock.Elapsed.TotalMilliseconds:0} ms{(run == 1 ? " (cold connection)" : "")}"));
            }
        }
        finally
        {
            await DropDatabaseAsync(connectionString, database);
        }
    }

    private static async Task<Result> RunOnceAsync(string connectionString, string provider, int writers, int seconds, int payload, int connections)
    {
        var database = await CreateDatabaseAsync(connectionString, provider);
        try
        {
            var silo = new HostBuilder()
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .UseOrleans(builder =>
                {
                    builder.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("bench", "bench"))
                        .ConfigureEndpoints(IPAddress.Loopback, SiloPort, GatewayPort);
                    if (provider == "adonet")
                    {
                        // What main ran before: the ADO.NET provider, one transaction per write, default (JSON) serializer.
                        builder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresSiloBuilderExtensions.Invariant, database))
                            .AddAdoNetGrainStorageAsDefault(o => o.Configure(a => (a.Invariant, a.ConnectionString) = (PostgresSiloBuilderExtensions.Invariant, database)));
                    }
                    else
                    {
                        builder.UseTiketiPostgres(database, o => o.Connections = connections);
                    }
                })
                .Build();
            await silo.StartAsync();
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(i => grains.GetGrain<IBenchWriterGrain>(i).WriteAsync(payload)));

            var (commitsBefore, xidBefore) = await CountersAsync(database);
            var latencies = new List<double>[writers];
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
            {
                var mine = latencies[i] = [];
                var grain = grains.GetGrain<IBenchWriterGrain>(i);
                while (clock.Elapsed < end)
                {
                    var start = clock.Elapsed;
                    await grain.WriteAsync(payload);
                    mine.Add((clock.Elapsed - start).TotalMilliseconds);
                }
            }));
            var elapsed = clock.Elapsed;
            var (_, xidAfter) = await CountersAsync(database);

            // Sessions publish their transaction counts when they end: stop the silo, then read.
            await silo.StopAsync();
            silo.Dispose();
            NpgsqlConnection.ClearAllPools();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var (commitsAfter, _) = await CountersAsync(database);

            var all = latencies.SelectMany(l => l).Order().ToArray();
            return new Result(
                all.Length / elapsed.TotalSeconds,
                (commitsAfter - commitsBefore) / (double)all.Length,
                (xidAfter - xidBefore) / (double)all.Length,
                all[all.Length / 2],
                all[(int)(all.Length * 0.99)]);
        }
        finally
        {
            await DropDatabaseAsync(connectionString, database);
        }
    }

    private static async Task<(long Commits, long NextXid)> CountersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, pg_snapshot_xmax(pg_current_snapshot())::text::bigint FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        var database = $"tiketi_bench_{name}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString);
        return connectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed record Result(double WritesPerSecond, double TransactionsPerWrite, double XidsPerWrite, double P50, double P99);
}
