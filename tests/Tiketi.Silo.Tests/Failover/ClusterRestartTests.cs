using System.Diagnostics;
using System.Text.Json;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>Every silo process stops (SIGTERM) and new ones start on the same database: the sale is all there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRestartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly QueueSettings Trickle = new(0.001, 10, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Cluster_AllSiloProcessesStoppedAndRestarted_EventSeatsOrdersAndQueueSurvive()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "failover_restart");
        await cluster.RunAsync(output, async () =>
        {
            var clock = Stopwatch.StartNew();
            var first = await cluster.StartSilosAsync(3);
            await cluster.WaitForMembershipAsync(first, [], TimeSpan.FromSeconds(30));
            var client = await cluster.ConnectAsync();
            var eventId = await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 3, rows: 4, seatsPerRow: 25, TimeSpan.FromMinutes(7), queue: false));
            var rush = new BuyerRush(client, eventId, blocks: 3);
            await rush.RunAsync(buyers: 60, parallel: 8, seed: 5);
            var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
            await queue.ConfigureAsync(Trickle);
            var fans = Enumerable.Range(0, 50).Select(i => $"fan{i}").ToList();
            foreach (var fan in fans)
            {
                Assert.True((await queue.JoinAsync(fan)).IsSuccess);
            }

            await SaleAudit.AssertSummaryMatchesBlocksAsync(client, eventId, TimeSpan.FromSeconds(15));
            var before = await ReadSaleAsync(client, eventId, rush, fans);
            Assert.NotEmpty(rush.Paid);
            Assert.Contains(rush.Holds.Keys, id => !rush.Paid.ContainsKey(id));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  sale written: {rush.Holds.Count} orders, {rush.Paid.Count} paid, {fans.Count} queued");

            await cluster.StopClientsAsync();
            var exitCodes = await cluster.TerminateAllAsync(TimeSpan.FromSeconds(45));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  all silos stopped, exit codes {string.Join(", ", exitCodes)}");
            Assert.All(exitCodes, code => Assert.Equal(0, code));
            Assert.All(await cluster.ReadMembershipAsync(), row => Assert.Equal(ProcessCluster.DeadStatus, row.Status));

            var second = await cluster.StartSilosAsync(3);
            await cluster.WaitForMembershipAsync(second, first, TimeSpan.FromSeconds(30));
            client = await cluster.ConnectAsync();
            var after = await ReadSaleAsync(client, eventId, rush, fans);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  new silos up, sale read again");

            Assert.Equal(before.Split('\n'), after.Split('\n'));
            await SaleAudit.AssertConsistentAsync(client, eventId);
        });
    }

    /// <summary>Everything a buyer or an operator could look at, one JSON line per item.</summary>
    private static async Task<string> ReadSaleAsync(IClusterClient client, string eventId, BuyerRush rush, List<string> fans)
    {
        var lines = new List<string>();
        void Add(string what, object? value) => lines.Add($"{what} {JsonSerializer.Serialize(value)}");

        var grain = client.GetGrain<IEventGrain>(eventId);
        var info = await grain.GetAsync();
        Add("event", info);
        Add("summary", await grain.GetSummaryAsync());
        foreach (var block in info!.Definition.Blocks)
        {
            var blockGrain = client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, block.Id));
            Add($"seats {block.Id}", await blockGrain.GetSnapshotAsync());
            Add($"allocations {block.Id}", (await blockGrain.GetAllocationsAsync()).OrderBy(a => a.HoldId, StringComparer.Ordinal));
        }

        foreach (var orderId in rush.Holds.Keys.Order(StringComparer.Ordinal))
        {
            Add($"order {orderId}", await client.GetGrain<IOrderGrain>(orderId).GetAsync());
        }

        foreach (var buyer in rush.Holds.Values.Select(h => h.Order.BuyerId).Distinct().Order(StringComparer.Ordinal))
        {
            Add($"buyer {buyer}", await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyer)).GetAsync());
            Add($"my events {buyer}", await client.GetGrain<IBuyerEventsGrain>(buyer).ListAsync());
        }

        var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
        Add("queue", await queue.GetInfoAsync());
        foreach (var fan in fans)
        {
            Add($"place {fan}", await queue.GetStatusAsync(fan));
        }

        return string.Join('\n', lines);
    }
}
