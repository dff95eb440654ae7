using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Tiketi.Silo.Tests.Cluster;
using Tiketi.Storage;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>
/// Writes of many grains of a silo share transactions: counted with the transaction ids PostgreSQL hands
/// out (one per writing transaction), which a one-transaction-per-write provider would match write for
/// write (the control case shows the count sees that).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Grains = 200;

    [Fact]
    public async Task WriteStateAsync_200GrainsAtOnce_CommitFarFewerTransactionsThanWrites()
    {
        await using var cluster = await StartAsync("group_commit_storage");
        var storage = Storage(cluster);
        var states = Enumerable.Range(0, Grains).Select(i => new GrainState<CounterState>(new CounterState { Value = i })).ToArray();
        var before = await Database.NextTransactionIdAsync(cluster.ConnectionString);

        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync("state", GrainId.Create("counter", $"g{i}"), state)));

        var transactions = await Database.NextTransactionIdAsync(cluster.ConnectionString) - before;
        output.WriteLine($"{transactions} transactions for {Grains} writes");
        Assert.True(transactions <= Grains / 10, $"{transactions} transactions for {Grains} writes");
        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.Equal((long)Grains, await Database.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM tiketi_grain_state WHERE service_id = $1", cluster.ClusterId));
    }

    [Fact]
    public async Task WriteStateAsync_BatchesOfOne_CostATransactionPerWrite()
    {
        // The control: the count above would see a provider that commits each write on its own.
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "group_commit_control");
        await cluster.StartSiloAsync(o => o.MaxBatchSize = 1);
        var storage = Storage(cluster);
        var before = await Database.NextTransactionIdAsync(cluster.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(i =>
            storage.WriteStateAsync("state", GrainId.Create("counter", $"g{i}"), new GrainState<CounterState>(new CounterState()))));

        var transactions = await Database.NextTransactionIdAsync(cluster.ConnectionString) - before;
        output.WriteLine($"{transactions} transactions for {Grains} writes in batches of one");
        Assert.True(transactions >= Grains, $"{transactions} transactions for {Grains} writes");
    }

    [Fact]
    public async Task GrainCalls_200GrainsWritingConcurrently_ShareTransactions()
    {
        await using var cluster = await StartAsync("group_commit_grains");
        var grains = Enumerable.Range(0, Grains).Select(i => cluster.Grains.GetGrain<ICounterGrain>($"c{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.GetAsync()));
        var before = await Database.NextTransactionIdAsync(cluster.ConnectionString);

        var values = await Task.WhenAll(grains.Select(g => g.AddAsync(3)));

        var transactions = await Database.NextTransactionIdAsync(cluster.ConnectionString) - before;
        output.WriteLine($"{transactions} transactions for {Grains} grain writes");
        Assert.All(values, v => Assert.Equal(3, v));
        Assert.True(transactions < Grains / 2, $"{transactions} transactions for {Grains} grain writes");
    }

    [Fact]
    public async Task StateWritesAndJournalAppends_ManyAtOnce_ShareTransactions()
    {
        await using var cluster = await StartAsync("group_commit_mixed");
        var storage = Storage(cluster);
        var journal = cluster.Silos[0].Services.GetRequiredService<IGrainJournal>();
        var before = await Database.NextTransactionIdAsync(cluster.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(i => i % 2 == 0
            ? storage.WriteStateAsync("state", GrainId.Create("counter", $"m{i}"), new GrainState<CounterState>(new CounterState { Value = i }))
            : journal.AppendAsync($"journal/{i}", 0, new byte[] { (byte)i })));

        var transactions = await Database.NextTransactionIdAsync(cluster.ConnectionString) - before;
        output.WriteLine($"{transactions} transactions for {Grains} writes and appends");
        Assert.True(transactions <= Grains / 10, $"{transactions} transactions for {Grains} writes and appends");
        Assert.Equal((long)Grains / 2, await Database.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM tiketi_journal_record WHERE service_id = $1", cluster.ClusterId));
    }

    [Fact]
    public async Task WriteStateAsync_OneStaleWriteAmongMany_FailsAloneAndTheOthersCommit()
    {
        await using var cluster = await StartAsync("group_commit_conflict");
        var storage = Storage(cluster);
        var staleId = GrainId.Create("counter", "stale");
        var current = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("state", staleId, current);
        var stale = new GrainState<CounterState>(new CounterState { Value = 99 }) { ETag = current.ETag };
        await storage.WriteStateAsync("state", staleId, current);
        var journal = cluster.Silos[0].Services.GetRequiredService<IGrainJournal>();
        await journal.AppendAsync("journal/taken", 0, new byte[] { 1 });

        var others = Enumerable.Range(0, 100).Select(i => new GrainState<CounterState>(new CounterState { Value = i })).ToArray();
        var writes = others.Select((state, i) => storage.WriteStateAsync("state", GrainId.Create("counter", $"o{i}"), state)).ToList();
        var staleWrite = storage.WriteStateAsync("state", staleId, stale);
        var takenAppend = journal.AppendAsync("journal/taken", 0, new byte[] { 2 });
        writes.AddRange(Enumerable.Range(0, 100).Select(i => journal.AppendAsync($"journal/free{i}", 0, new byte[] { 3 })));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Assert.ThrowsAsync<JournalConflictException>(() => takenAppend);
        Assert.All(others, s => Assert.Equal("1", s.ETag));
        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("state", staleId, read);
        Assert.Equal(1, read.State!.Value);
        Assert.Equal([1], Assert.Single((await journal.LoadAsync("journal/taken")).Records).Payload.ToArray());
    }

    private async Task<PostgresCluster> StartAsync(string name)
    {
        var cluster = await PostgresCluster.CreateAsync(postgres, name);
        await cluster.StartSiloAsync();
        return cluster;
    }

    private static IGrainStorage Storage(PostgresCluster cluster) =>
        cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
}
