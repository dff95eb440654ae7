using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiketi.Common;
using Tiketi.Silo.Storage;
using Tiketi.Silo.Tests.Cluster;
using Tiketi.Storage;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>A PostgreSQL server of this class's own, which the tests restart and stop.</summary>
public sealed class OwnedPostgres : IAsyncLifetime
{
    public PostgresServer Server { get; } = PostgresServer.Owned();

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// PostgreSQL restarting or away: grain writes wait and retry instead of failing, an acknowledged write
/// is never lost, and what does fail (only once the retry budget is spent) fails as SYS003, never as a
/// database driver exception.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutageTests(OwnedPostgres owned, ITestOutputHelper output) : IClassFixture<OwnedPostgres>
{
    private const int Grains = 60;

    private PostgresServer Postgres => owned.Server;

    [Fact]
    public async Task ConcurrentGrainWrites_PostgresRestartedFast_EveryWriteCompletesOrFailsAsSys003AndNoneIsLost()
    {
        await using var cluster = await PostgresCluster.CreateAsync(Postgres, "outage_restart");
        await cluster.StartSiloAsync();
        var acknowledged = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentDictionary<int, int>();
        var unexpected = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Grains).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    acknowledged[i] = await cluster.Grains.GetGrain<IStorageProbeGrain>($"p{i}").IncrementAsync();
                }
                catch (StorageUnavailableException)
                {
                    failures.AddOrUpdate(i, 1, (_, n) => n + 1);
                }
                catch (Exception exception)
                {
                    unexpected.Enqueue(exception);
                    return;
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var beforeRestart = acknowledged.Values.Sum();
        await Postgres.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"acknowledged {acknowledged.Values.Sum()} increments ({beforeRestart} before the restart), {failures.Values.Sum()} failed as SYS003");
        Assert.Empty(unexpected);
        Assert.True(acknowledged.Values.Sum() > beforeRestart, "no write completed after the restart");

        // A fresh silo reads everything back from the database.
        await cluster.StopSilosAsync();
        await cluster.StartSiloAsync();
        foreach (var (i, count) in acknowledged)
        {
            var stored = await cluster.Grains.GetGrain<IStorageProbeGrain>($"p{i}").GetAsync();
            var failed = failures.GetValueOrDefault(i);

            // A write reported failed may still have committed (its acknowledgement lost, the retries out of time).
            Assert.InRange(stored, count, count + failed);
        }
    }

    [Fact]
    public async Task ConcurrentJournalAppends_PostgresRestartedFast_EveryAcknowledgedRecordIsThereOnce()
    {
        var connectionString = await Postgres.CreateDatabaseAsync("outage_journal");
        await new Tiketi.Silo.Schema.SchemaMigrator(Microsoft.Extensions.Logging.Abstractions.NullLogger<Tiketi.Silo.Schema.SchemaMigrator>.Instance)
            .MigrateAsync(connectionString);
        await using var committer = PostgresJournalTests.Committer(connectionString, "outage");
        var journal = new PostgresGrainJournal(committer);
        var appended = new int[Grains];
        var unexpected = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Grains).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await journal.AppendAsync($"j{i}", appended[i], BitConverter.GetBytes(appended[i]));
                    appended[i]++;
                }
                catch (Exception exception)
                {
                    unexpected.Enqueue(exception);
                    return;
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Postgres.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Empty(unexpected);
        for (var i = 0; i < Grains; i++)
        {
            var records = (await journal.LoadAsync($"j{i}")).Records;
            Assert.Equal(appended[i], records.Count);
            Assert.All(records, r => Assert.Equal((int)r.Sequence, BitConverter.ToInt32(r.Payload.Span)));
        }
    }

    [Fact]
    public async Task GrainWrite_PostgresDownPastTheBudget_FailsAsSys003WhileDegradedThenWorksWhenBack()
    {
        await using var cluster = await PostgresCluster.CreateAsync(Postgres, "outage_budget");
        var silo = await cluster.StartSiloAsync(o => o.RetryBudget = TimeSpan.FromSeconds(2));
        var health = silo.Services.GetRequiredService<HealthCheckService>();
        var grain = cluster.Grains.GetGrain<IStorageProbeGrain>("budget");
        Assert.Equal(1, await grain.IncrementAsync());

        await Postgres.StopAsync();
        try
        {
            var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.IncrementAsync());
            Assert.Equal("SYS003", StorageUnavailableException.Code);
            Assert.Contains("retry budget", failure.Message, StringComparison.Ordinal);
            var degraded = await health.CheckHealthAsync(c => c.Tags.Contains("ready"));
            Assert.Equal(HealthStatus.Degraded, degraded.Status);
        }
        finally
        {
            await Postgres.StartAgainAsync();
        }

        // The failed write deactivated the grain; the next activation reads what storage holds (1).
        Assert.Equal(2, await grain.IncrementAsync());
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status);
    }
}
