using System.Diagnostics;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// Issue 3's acceptance with real processes: three silos find each other through PostgreSQL, one is
/// SIGKILLed in the middle of a rush, and the sale stays correct; a replacement process joins.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloKillTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromMinutes(1);

    // "On time": the test silos sweep every 200 ms; the rest is room for a loaded machine.
    private static readonly TimeSpan ReleaseSlack = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Rush_OneOfThreeSiloProcessesKilled_NothingSoldTwiceOrLostAndReplacementJoins()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "failover_rush");
        await cluster.RunAsync(output, async () =>
        {
            var clock = Stopwatch.StartNew();
            var silos = await cluster.StartSilosAsync(3);
            var membership = await cluster.WaitForMembershipAsync(silos, [], TimeSpan.FromSeconds(30));
            Assert.Equal(3, membership.Count(r => r.Status == ProcessCluster.ActiveStatus));
            Log(clock, "three silos active");

            var client = await cluster.ConnectAsync();
            var eventId = await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 8, rows: 10, seatsPerRow: 25, HoldTime, queue: false));

            // The silo with the event grain (holds read it through each silo's cache) and a third of the others.
            var victim = await cluster.HostOfAsync(client, client.GetGrain<IEventGrain>(eventId));
            var rush = new BuyerRush(client, eventId, blocks: 8);
            var retriesBefore = Resilient.Retries;
            var running = rush.RunAsync(buyers: 500, parallel: 24, seed: 3);
            while (rush.Done < 150 && !running.IsCompleted)
            {
                await Task.Delay(10);
            }

            rush.MarkKilled();
            cluster.Kill(victim);
            Log(clock, $"killed {victim.Name} (the event grain's silo) after {rush.Done} buyers");
            await running;
            var rushEnded = DateTimeOffset.UtcNow;
            Log(clock, $"rush done: {rush.Holds.Count} holds ({rush.Holds.Values.Count(h => h.Recovered)} found after a lost answer), "
                + $"{rush.Paid.Count} paid, refusals [{string.Join(", ", rush.Refusals.Select(r => $"{r.Key}={r.Value}"))}], "
                + $"{Resilient.Retries - retriesBefore} calls retried");
            Assert.True(Resilient.Retries > retriesBefore, "no call failed: the kill was not felt");
            Assert.Contains(rush.Holds.Values, h => !h.BeforeKill);

            var blocks = await SaleAudit.AssertConsistentAsync(client, eventId);
            await AssertPaidOrdersAreSoldAsync(client, rush, blocks);
            AssertUnpaidHoldsHeldUntilTheyExpire(rush, blocks, rushEnded);
            // Every hold was asked for with an idempotency key: one whose answer died with the silo was
            // answered to its retry, so the blocks hold nothing that no buyer heard of.
            var orphans = blocks.Values.SelectMany(b => b.Allocations).Where(a => !rush.Holds.ContainsKey(a.HoldId)).Select(a => a.HoldId).ToList();
            Assert.True(orphans.Count == 0, $"holds nobody heard of: {string.Join(", ", orphans)}");
            Log(clock, $"audit after the rush passed (no hold nobody heard of; {rush.Holds.Values.Count(h => h.Recovered)} holds answered to a retry)");
            await LogBuyersBehindAsync(client, eventId, rush, clock);

            // A replacement joins while the holds run down.
            var survivors = cluster.Silos.ToList();
            var replacement = await cluster.StartSiloAsync();
            await cluster.WaitForMembershipAsync([.. survivors, replacement], [victim], TimeSpan.FromSeconds(30));
            Log(clock, $"replacement {replacement.Name} active, {victim.Name} dead in the membership table");

            // Unpaid holds heard before the kill: once the earlier half has expired, those are released
            // (and their orders say so); any not yet expired is still held with its seats.
            var unpaidBeforeKill = rush.Holds.Values.Where(h => h.BeforeKill && !rush.Paid.ContainsKey(h.Order.OrderId))
                .OrderBy(h => h.Order.HoldExpiresAt).ToList();
            Assert.True(unpaidBeforeKill.Count >= 2, $"only {unpaidBeforeKill.Count} unpaid holds before the kill");
            var expired = unpaidBeforeKill[..(unpaidBeforeKill.Count / 2)];
            await Task.Delay(Max(expired[^1].Order.HoldExpiresAt + ReleaseSlack - DateTimeOffset.UtcNow, TimeSpan.Zero));
            var checkedAt = DateTimeOffset.UtcNow;
            blocks = await SaleAudit.AssertConsistentAsync(client, eventId);
            await AssertPaidOrdersAreSoldAsync(client, rush, blocks);
            AssertUnpaidHoldsHeldUntilTheyExpire(rush, blocks, checkedAt);
            var allocated = blocks.Values.SelectMany(b => b.Allocations).Select(a => a.HoldId).ToHashSet();
            Assert.DoesNotContain(expired, h => allocated.Contains(h.Order.OrderId));
            await AssertOrdersExpiredAsync(client, expired);
            Log(clock, $"{expired.Count} of {unpaidBeforeKill.Count} unpaid holds from before the kill released on time, "
                + $"{unpaidBeforeKill.Count(h => allocated.Contains(h.Order.OrderId))} not yet expired still held");

            await SaleAudit.AssertSummaryMatchesBlocksAsync(client, eventId, TimeSpan.FromSeconds(15));
            Log(clock, "summary matches the blocks");

            await AssertServesCallsAsync(cluster, client, replacement, eventId);
            Log(clock, $"replacement {replacement.Name} serves calls through its own gateway and hosts grains");
        });
    }

    /// <summary>Every "paid" a buyer heard is a paid order whose seats are sold, and every sold seat belongs to such an order.</summary>
    private static async Task AssertPaidOrdersAreSoldAsync(IClusterClient client, BuyerRush rush, Dictionary<string, BlockView> blocks)
    {
        var allocations = blocks.Values.SelectMany(b => b.Allocations).ToDictionary(a => a.HoldId);
        foreach (var (orderId, told) in rush.Paid)
        {
            var order = await Resilient.CallAsync(() => client.GetGrain<IOrderGrain>(orderId).GetAsync());
            Assert.NotNull(order);
            Assert.Equal(OrderStatus.Paid, order.Status);
            Assert.Equal(told.PaymentReference, order.PaymentReference);
            Assert.Equal(told.Quantity, order.Tickets.Length);
            Assert.True(allocations.TryGetValue(orderId, out var allocation), $"paid order {orderId} has no seats");
            Assert.Equal(AllocationStatus.Sold, allocation.Status);
            Assert.Equal(SeatsOf(order), allocation.Items.Select(i => i.SeatId!).Order());
        }

        Assert.All(allocations.Values.Where(a => a.Status == AllocationStatus.Sold), a => Assert.True(rush.Paid.ContainsKey(a.HoldId), $"{a.HoldId} sold, but its buyer never heard 'paid'"));
    }

    /// <summary>
    /// An acknowledged hold that was not paid is held with its seats until it expires and gone after
    /// (give or take a sweep). Allocations nobody acknowledged (a hold whose answer died with the silo)
    /// may only be holds, and they expire like any other.
    /// </summary>
    private static void AssertUnpaidHoldsHeldUntilTheyExpire(BuyerRush rush, Dictionary<string, BlockView> blocks, DateTimeOffset readBefore)
    {
        var allocations = blocks.Values.SelectMany(b => b.Allocations).ToDictionary(a => a.HoldId);
        var readAt = DateTimeOffset.UtcNow;
        foreach (var hold in rush.Holds.Values.Where(h => !rush.Paid.ContainsKey(h.Order.OrderId)))
        {
            var expires = hold.Order.HoldExpiresAt;
            if (allocations.TryGetValue(hold.Order.OrderId, out var allocation))
            {
                Assert.Equal(AllocationStatus.Held, allocation.Status);
                Assert.Equal(SeatsOf(hold.Order), allocation.Items.Select(i => i.SeatId!).Order());
                Assert.True(expires + ReleaseSlack > readBefore, $"{hold.Order.OrderId} still held {readBefore - expires} after its expiry");
            }
            else
            {
                Assert.True(expires <= readAt, $"{hold.Order.OrderId} released {expires - readAt} before its expiry");
            }
        }

        foreach (var orphan in allocations.Values.Where(a => !rush.Holds.ContainsKey(a.HoldId)))
        {
            Assert.Equal(AllocationStatus.Held, orphan.Status);
            Assert.True(orphan.ExpiresAt + ReleaseSlack > readBefore, $"unacknowledged hold {orphan.HoldId} outlived its expiry");
        }
    }

    private static async Task AssertOrdersExpiredAsync(IClusterClient client, List<AcknowledgedHold> holds)
    {
        // The block tells each order with a one-way call, so the order may learn it a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var hold in holds)
        {
            var grain = client.GetGrain<IOrderGrain>(hold.Order.OrderId);
            OrderView? order;
            while ((order = await Resilient.CallAsync(grain.GetAsync))?.Status != OrderStatus.Expired && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal(OrderStatus.Expired, order?.Status);
        }
    }

    /// <summary>The replacement is listed by the cluster, answers through its own gateway, and hosts grains.</summary>
    private static async Task AssertServesCallsAsync(ProcessCluster cluster, IClusterClient client, SiloProcess replacement, string eventId)
    {
        var hosts = await Resilient.CallAsync(() => client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
        var address = Assert.Single(hosts.Keys, s => s.Endpoint.Port == replacement.SiloPort);

        var direct = await cluster.ConnectToAsync(replacement);
        var summary = await direct.GetGrain<IEventGrain>(eventId).GetSummaryAsync();
        Assert.NotNull(summary);
        for (var i = 0; i < 40; i++)
        {
            var buyer = direct.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, $"late{i}"));
            var hold = await buyer.HoldAsync(new HoldRequest($"B{(i % 8) + 1}", HoldSelection.Best(SaleAudit.Category, 1), null));
            Assert.True(hold.IsSuccess || hold.Code == Reasons.NotEnoughInventory, hold.Message);
        }

        var statistics = await direct.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([address]);
        Assert.Contains(statistics, s => s.GrainType.Contains("Tiketi", StringComparison.Ordinal) && s.ActivationCount > 0);
    }

    /// <summary>
    /// A buyer grain learns of a payment through a one-way call, which is lost when the buyer grain's
    /// silo dies at that moment; it must still count the paid order, by asking the order for the truth.
    /// </summary>
    private async Task LogBuyersBehindAsync(IClusterClient client, string eventId, BuyerRush rush, Stopwatch clock)
    {
        var behind = new List<string>();
        foreach (var paid in rush.Paid.Values.GroupBy(o => o.BuyerId))
        {
            var view = await Resilient.CallAsync(() => client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, paid.Key)).GetAsync());
            if (view.TicketsPaid != paid.Sum(o => o.Quantity))
            {
                behind.Add($"{paid.Key} (paid {paid.Sum(o => o.Quantity)}, its grain counts {view.TicketsPaid} paid and {view.TicketsHeld} held)");
            }
        }

        Log(clock, $"buyer grains that missed a payment: {behind.Count} {string.Join("; ", behind)}");
        Assert.Empty(behind);
    }

    private static IOrderedEnumerable<string> SeatsOf(OrderView order) => order.Lines.Select(l => l.SeatId!).Order();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Log(Stopwatch clock, string message) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {message}");
}
