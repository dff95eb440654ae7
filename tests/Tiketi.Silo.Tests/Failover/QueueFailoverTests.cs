using Tiketi.Queue;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>A waiting queue keeps every buyer's place when the silo that hosts it dies.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueFailoverTests(PostgresServer postgres, ITestOutputHelper output)
{
    // Nobody is admitted while the test runs, so every place stays where the join put it.
    private static readonly QueueSettings Trickle = new(0.001, 10, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));

    [Fact]
    public async Task WaitingQueue_HostingSiloKilled_EveryBuyerKeepsPlaceInOrder()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "failover_queue");
        await cluster.RunAsync(output, async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitForMembershipAsync(silos, [], TimeSpan.FromSeconds(30));
            var client = await cluster.ConnectAsync();

            // The queue is slowed down before anything else wakes it, so its token bucket starts empty.
            var eventId = $"ev-{Guid.NewGuid():N}"[..16];
            var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
            await queue.ConfigureAsync(Trickle);
            await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 1, rows: 4, seatsPerRow: 25, TimeSpan.FromMinutes(7), queue: true), eventId);

            // Buyers arrive all at once; the queue decides the order, and each hears its place.
            var joins = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
            {
                var joined = await queue.JoinAsync($"fan{i}");
                Assert.True(joined.IsSuccess, joined.Message);
                Assert.Equal(QueueState.Waiting, joined.Value!.State);
                return (Buyer: $"fan{i}", joined.Value.Position);
            }));
            var places = joins.ToDictionary(j => j.Buyer, j => j.Position, StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(1, 300).Select(p => (long)p), places.Values.Order());

            var victim = await cluster.HostOfAsync(client, queue);
            cluster.Kill(victim);
            output.WriteLine($"killed {victim.Name}, the queue's silo");

            // The first call after the kill waits out Orleans declaring the silo dead, then the queue
            // activates on a survivor from what it wrote before answering each join.
            foreach (var (buyer, position) in places)
            {
                var status = await Resilient.CallAsync(() => queue.GetStatusAsync(buyer));
                Assert.Equal(QueueState.Waiting, status.State);
                Assert.Equal(position, status.Position);
                Assert.Equal(position - 1, status.PeopleAhead);
            }

            var info = await Resilient.CallAsync(queue.GetInfoAsync);
            Assert.Equal(300, info.Waiting);
            Assert.Equal(0, info.AdmittedTotal);
            Assert.Equal(Trickle, info.Settings);

            // Joining again keeps the place; a newcomer queues behind everyone.
            var again = await Resilient.CallAsync(() => queue.JoinAsync("fan42"));
            Assert.Equal(places["fan42"], again.Value!.Position);
            var late = await Resilient.CallAsync(() => queue.JoinAsync("latecomer"));
            Assert.Equal(301, late.Value!.Position);
            await cluster.WaitForMembershipAsync([.. cluster.Silos], [victim], TimeSpan.FromSeconds(30));
            await cluster.HostOfAsync(client, queue);
        });
    }
}
