using System.Diagnostics;
using Npgsql;
using Tiketi.Audit;
using Tiketi.Queue;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// The waiting queue at scale on its PostgreSQL journal: 100,000 places acknowledged through a silo
/// process survive a SIGKILL of that silo, and then every database session being cut (what a PostgreSQL
/// restart does to the silos), each in the same place, and the audit's arrival list does not change.
/// Needs the PostgreSQL grain journal (branch <c>storage</c>): with the in-memory journal a killed silo
/// takes the queue with it, and this test fails.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueJournalFailoverTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Buyers = 100_000;

    // Nobody is admitted or dropped while the test runs, so every place stays where the join put it.
    private static readonly QueueSettings Still = new(0.001, 10, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3), SilenceLimit: QueueSettings.MaxSilenceLimit);

    [Fact]
    public async Task WaitingQueue_100000JoinsThenSiloKilledAndSessionsCut_EveryPlaceAndTheArrivalListUnchanged()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "queue_journal_failover");
        await cluster.RunAsync(output, async () =>
        {
            var clock = Stopwatch.StartNew();
            var silos = await cluster.StartSilosAsync(2);
            await cluster.WaitForMembershipAsync(silos, [], TimeSpan.FromSeconds(30));
            var client = await cluster.ConnectAsync();
            var eventId = $"ev-{Guid.NewGuid():N}"[..16];
            var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
            await queue.ConfigureAsync(Still);

            // Buyers arrive all at once, as the API host sends them: coalesced into batches, in arrival order.
            var buyers = Enumerable.Range(0, Buyers).Select(i => $"{i:x32}").ToList();
            var coalescer = new QueueCallCoalescer(client);
            var joined = await Task.WhenAll(buyers.Select(b => coalescer.JoinAsync(eventId, b)));
            Assert.All(joined, j => Assert.Equal(QueueState.Waiting, j.Value!.State));
            var places = buyers.Select((b, i) => (b, joined[i].Value!.Position)).ToDictionary(p => p.b, p => p.Position, StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(1, Buyers).Select(p => (long)p), places.Values.Order());
            var arrivals = await ArrivalListAsync(queue);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {Buyers:N0} joined");

            var victim = await cluster.HostOfAsync(client, queue);
            cluster.Kill(victim);
            var newcomer = await cluster.StartSiloAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  killed {victim.Name}, the queue's silo; {newcomer.Name} started");

            // The first calls wait out Orleans declaring the silo dead; then the queue activates from its journal.
            await AssertEveryPlaceAsync(client, eventId, places);
            Assert.Equal(arrivals, await ArrivalListAsync(queue));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  every place and the arrival list read back after the kill");

            // Every session of the silos is cut under them, as a PostgreSQL restart cuts them (the shared test
            // server cannot be restarted); places acknowledged after it count as much as before.
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  cut {await CutSessionsAsync(cluster.ConnectionString)} database sessions");
            var late = Enumerable.Range(Buyers, 100).Select(i => $"{i:x32}").ToList();
            foreach (var buyer in late)
            {
                places[buyer] = (await Resilient.CallAsync(() => queue.JoinAsync(buyer))).Value!.Position;
            }

            Assert.Equal(Enumerable.Range(Buyers + 1, late.Count).Select(p => (long)p), late.Select(b => places[b]));
            arrivals = await ArrivalListAsync(queue);
            cluster.Kill(await cluster.HostOfAsync(client, queue));
            await cluster.StartSiloAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  100 more joined, the queue's silo killed again");

            await AssertEveryPlaceAsync(client, eventId, places);
            Assert.Equal(arrivals, await ArrivalListAsync(queue));
            var info = await Resilient.CallAsync(queue.GetInfoAsync);
            Assert.Equal((Buyers + late.Count, 0L), (info.Waiting, info.AdmittedTotal));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  all {places.Count:N0} places read back; {Resilient.Retries} calls retried");
        });
    }

    /// <summary>Terminates every other session on the cluster's database; returns how many.</summary>
    private static async Task<long> CutSessionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every buyer's position, read through a fresh coalescer (a host that never saw the joins).</summary>
    private static async Task AssertEveryPlaceAsync(IClusterClient client, string eventId, Dictionary<string, long> places)
    {
        var coalescer = new QueueCallCoalescer(client);
        var statuses = await Task.WhenAll(places.Keys.Select(b => Resilient.CallAsync(() => coalescer.GetStatusAsync(eventId, b))));
        var wrong = places.Keys.Select((b, i) => (Buyer: b, Expected: places[b], Status: statuses[i]))
            .Where(x => x.Status.State != QueueState.Waiting || x.Status.Position != x.Expected).Take(5).ToList();
        Assert.True(wrong.Count == 0, $"places moved: {string.Join("; ", wrong.Select(w => $"{w.Buyer} expected {w.Expected}, is {w.Status.State} {w.Status.Position}"))}");
    }

    /// <summary>The audit's arrival list: every place in queue order with its buyer, arrival and outcome.</summary>
    private static async Task<List<QueueAuditEntry>> ArrivalListAsync(IWaitingQueueGrain queue)
    {
        var list = new List<QueueAuditEntry>();
        while (true)
        {
            var page = await Resilient.CallAsync(() => queue.GetAuditAsync(list.Count, QueueLine.MaxAuditPage));
            if (page.Order.IsEmpty)
            {
                return list;
            }

            list.AddRange(page.Order);
        }
    }
}
