using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// The hot grains batch their writes while commands keep arriving. On PostgreSQL the provider
/// serializes the state off the grain's turn, so each write must be of a private copy: thousands of
/// concurrent joins and holds all succeed, and after a full restart storage holds exactly what was told.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchedWriteTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly QueueSettings Trickle = new(0.001, 10, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Rush_ConcurrentJoinsAndHoldsOnPostgres_AllWrittenAndIntactAfterRestart()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "batched_writes");
        await cluster.RunAsync(output, async () =>
        {
            await cluster.StartSiloAsync();
            var client = await cluster.ConnectAsync();
            var eventId = $"ev-{Guid.NewGuid():N}"[..16];
            var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
            await queue.ConfigureAsync(Trickle);
            await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 1, rows: 20, seatsPerRow: 50, TimeSpan.FromMinutes(7), queue: false), eventId);

            var joins = Task.WhenAll(Enumerable.Range(0, 3_000).Select(i => queue.JoinAsync($"q{i}")));
            // Holds race on one block; 32 buyers at a time keep the per-buyer grains within the database's connections.
            using var shoppers = new SemaphoreSlim(32);
            var holds = Task.WhenAll(Enumerable.Range(0, 400).Select(async i =>
            {
                await shoppers.WaitAsync();
                try
                {
                    return await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, $"h{i}")).HoldAsync(new HoldRequest("B1", HoldSelection.Best(SaleAudit.Category, 2), null));
                }
                finally
                {
                    shoppers.Release();
                }
            }));
            var places = await joins;
            var held = await holds;
            Assert.All(places, p => Assert.True(p.IsSuccess, p.Message));
            Assert.All(held, h => Assert.True(h.IsSuccess, h.Message));

            await cluster.StopClientsAsync();
            Assert.All(await cluster.TerminateAllAsync(TimeSpan.FromSeconds(60)), code => Assert.Equal(0, code));
            await cluster.StartSiloAsync();
            var after = await cluster.ConnectAsync();

            var restored = after.GetGrain<IWaitingQueueGrain>(eventId);
            Assert.Equal(3_000, (await restored.GetInfoAsync()).Waiting);
            for (var i = 0; i < 3_000; i += 97)
            {
                Assert.Equal(places[i].Value!.Position, (await restored.GetStatusAsync($"q{i}")).Position);
            }

            var allocations = await after.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1")).GetAllocationsAsync();
            Assert.Equal(held.Select(h => h.Value!.OrderId).Order(), allocations.Select(a => a.HoldId).Order());
            await SaleAudit.AssertConsistentAsync(after, eventId);
        });
    }
}
