using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Queue;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>
/// The queue grain on its journal (the in-memory one here, the same contract as PostgreSQL's): a join
/// appends its place and nothing else, whatever the queue's length; a hold's touch and a checkout's
/// completion do not write per call; coalesced joins keep one place per account in arrival order; and a
/// reactivated queue is the one that was written, its lottery replayed, not redrawn.
/// </summary>
[Collection(SaleClusterCollection.Name)]
public sealed class QueueJournalClusterTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Join_IntoAQueueOf100000_AppendsNoMoreThanIntoAQueueOf10()
    {
        var small = await NewQueueAsync();
        var large = await NewQueueAsync();
        await JoinManyAsync(small, 10, "s");
        await JoinManyAsync(large, 100_000, "l");
        var largeBefore = await JournalAsync(large);

        // The same kind of buyer id (32 hex digits, an account id) joins each queue alone.
        Assert.True((await small.JoinAsync(Account(1))).IsSuccess);
        Assert.True((await large.JoinAsync(Account(2))).IsSuccess);

        var smallRecord = (await JournalAsync(small)).Records[^1];
        var largeAfter = await JournalAsync(large);
        var largeRecord = largeAfter.Records[^1];
        Assert.Equal(largeBefore.Records.Length + 1, largeAfter.Records.Length);
        Assert.True(largeRecord.Length <= smallRecord.Length, $"a join into 100,000 wrote {largeRecord.Length} bytes, into 10 {smallRecord.Length}");
        Assert.InRange(largeRecord.Length, 1, 64);

        // 100,000 joins cost their places, a few bytes each, and never a snapshot of the whole queue.
        Assert.False(largeAfter.HasSnapshot);
        Assert.InRange(largeAfter.Records.Sum(r => (long)r.Length), 100_000, 100_001 * 24);
        Assert.Equal(100_001, (await large.GetInfoAsync()).Waiting);
    }

    [Fact]
    public async Task TouchAndComplete_ManyCalls_DoNotWriteTheQueuePerCall()
    {
        var queue = await NewQueueAsync(admissionsPerSecond: 100, maxActive: 100);
        var shoppers = Enumerable.Range(0, 50).Select(i => $"shopper-{i}").ToList();
        await queue.JoinManyAsync([.. shoppers]);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(QueueState.Admitted, (await queue.GetStatusAsync(shoppers[^1])).State);
        var before = (await JournalAsync(queue)).Records.Length;

        // Holds every second for ten seconds: 500 touches, each inside the step that would be written.
        for (var second = 0; second < 10; second++)
        {
            foreach (var shopper in shoppers)
            {
                await queue.TouchAsync(shopper);
            }

            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var shopper in shoppers)
        {
            await queue.CompleteAsync(shopper);
        }

        // The completions ride the next record (a tick's), one record for all fifty.
        await Eventually.TrueAsync(async () => (await queue.GetInfoAsync()).Active == 0 && (await JournalAsync(queue)).Records.Length > before, TimeSpan.FromSeconds(5));
        var written = (await JournalAsync(queue)).Records.Length - before;
        Assert.InRange(written, 1, 3);
    }

    [Fact]
    public async Task Join_ThroughSeveralCoalescingHostsAtOnce_EachHostsBuyersQueueInTheOrderTheyArrived()
    {
        var queue = await NewQueueAsync();
        var eventId = queue.GetPrimaryKeyString();
        var hosts = Enumerable.Range(0, 4).Select(_ => new QueueCallCoalescer(fixture.Client)).ToList();
        var accounts = hosts.Select((_, h) => Enumerable.Range(0, 1_500).Select(i => Account((h * 10_000) + i)).ToList()).ToList();

        // The hosts take their buyers' requests at the same time, interleaved.
        var joins = hosts.Select((host, h) => accounts[h].Select(a => host.JoinAsync(eventId, a)).ToList()).ToList();
        var places = await Task.WhenAll(joins.Select(async j => (await Task.WhenAll(j)).Select(r => r.Value!.Position).ToList()));

        Assert.Equal(Enumerable.Range(1, 6_000).Select(p => (long)p), places.SelectMany(p => p).Order());
        Assert.All(places, host => Assert.Equal(host.Order(), host));
        Assert.Equal(6_000, (await queue.GetInfoAsync()).Waiting);
    }

    [Fact]
    public async Task Join_SameAccountsFromEveryHostAtOnce_OnePlacePerAccountThatEveryDeviceSees()
    {
        var queue = await NewQueueAsync();
        var eventId = queue.GetPrimaryKeyString();
        var hosts = Enumerable.Range(0, 4).Select(_ => new QueueCallCoalescer(fixture.Client)).ToList();
        var accounts = Enumerable.Range(0, 2_000).Select(Account).ToList();

        // Every account joins from four devices, each behind a different host, in different orders.
        var joins = hosts.Select((host, h) => (h % 2 == 0 ? accounts : accounts.AsEnumerable().Reverse())
            .Select(a => (Account: a, Join: host.JoinAsync(eventId, a))).ToList()).ToList();
        await Task.WhenAll(joins.SelectMany(j => j.Select(x => x.Join)));

        var places = joins.SelectMany(j => j).GroupBy(x => x.Account).ToDictionary(g => g.Key, g => g.Select(x => x.Join.Result.Value!.Position).Distinct().ToList());
        Assert.All(places.Values, p => Assert.Single(p));
        Assert.Equal(Enumerable.Range(1, accounts.Count).Select(p => (long)p), places.Values.Select(p => p[0]).Order());
        Assert.Equal(accounts.Count, (await queue.GetInfoAsync()).Waiting);
        var statuses = await Task.WhenAll(accounts.Select(a => hosts[1].GetStatusAsync(eventId, a)));
        Assert.Equal(accounts.Select(a => places[a][0]), statuses.Select(s => s.Position));
    }

    [Fact]
    public async Task JoinMany_MoreThanTheBatchLimit_IsRefusedWhole()
    {
        var queue = await NewQueueAsync();
        var tooMany = Enumerable.Range(0, QueueCallCoalescer.MaxBatch + 1).Select(Account).ToImmutableArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.JoinManyAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.GetStatusManyAsync(tooMany));

        Assert.Equal(0, (await queue.GetInfoAsync()).Waiting);
    }

    [Fact]
    public async Task Reactivation_AfterTheDraw_ReplaysTheSameOrderAndSeedAndKeepsEveryPlace()
    {
        var opensAt = fixture.Clock.GetUtcNow().AddMinutes(5);
        var definition = _sales.Definition(blocks: 1, rows: 1, seatsPerRow: 10, queue: true) with
        {
            SaleOpensAt = opensAt,
            QueueMode = QueueMode.Lottery,
            PreQueueWindow = TimeSpan.FromMinutes(30),
        };
        var eventId = await _sales.CreateOnSaleAsync(definition);
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(eventId);
        await queue.ConfigureAsync(QueueSettings.Default with { MaxActiveShoppers = 0, SilenceLimit = QueueSettings.MaxSilenceLimit });
        var early = Enumerable.Range(0, 200).Select(i => $"early-{i}").ToImmutableArray();
        await queue.JoinManyAsync(early);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await queue.JoinManyAsync(["late-1", "late-2"]);
        var before = await queue.GetAuditAsync(0, 1_000);
        Assert.Equal(202, before.Order.Length);

        await DeactivateAsync(queue);
        var after = await queue.GetAuditAsync(0, 1_000);

        Assert.Equal(before.ShuffleSeed, after.ShuffleSeed);
        Assert.Equal(before.ShuffledAt, after.ShuffledAt);
        Assert.Equal(before.Order.ToArray(), after.Order.ToArray());
        Assert.Equal([.. QueueShuffle.Order(early, after.ShuffleSeed!.Value), "late-1", "late-2"], after.Order.Select(p => p.BuyerId));
        Assert.Equal(202, (await queue.GetStatusAsync("late-2")).Position);
    }

    private async Task<IWaitingQueueGrain> NewQueueAsync(double admissionsPerSecond = 0.001, int maxActive = 10)
    {
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(SaleFactory.NewId("q"));
        await queue.ConfigureAsync(QueueSettings.Default with { AdmissionsPerSecond = admissionsPerSecond, MaxActiveShoppers = maxActive });
        return queue;
    }

    private static async Task JoinManyAsync(IWaitingQueueGrain queue, int count, string prefix)
    {
        for (var from = 0; from < count; from += QueueCallCoalescer.MaxBatch)
        {
            var batch = Enumerable.Range(from, Math.Min(QueueCallCoalescer.MaxBatch, count - from)).Select(i => $"{prefix}{i}").ToImmutableArray();
            var joined = await queue.JoinManyAsync(batch);
            Assert.All(joined.Results, r => Assert.True(r.IsSuccess, r.Message));
        }
    }

    private Task<MemoryJournalContents> JournalAsync(IWaitingQueueGrain queue) =>
        fixture.Client.GetGrain<IMemoryJournalGrain>(QueueJournal.IdOf(queue.GetPrimaryKeyString())).LoadAsync();

    /// <summary>Collects the idle queue activation (its journal is kept alive), so the next call activates it from the journal.</summary>
    private async Task DeactivateAsync(IWaitingQueueGrain queue)
    {
        var id = queue.GetGrainId();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await Eventually.TrueAsync(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(200));
            return !(await management.GetActiveGrains(id.Type)).Contains(id);
        }, TimeSpan.FromSeconds(20));
    }

    private static string Account(int i) => $"{i:x32}";
}
