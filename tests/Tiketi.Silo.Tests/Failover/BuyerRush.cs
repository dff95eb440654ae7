using System.Collections.Concurrent;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>A hold a buyer was told they have, and whether they heard it before the silo was killed.</summary>
internal sealed record AcknowledgedHold(OrderView Order, bool BeforeKill, bool Recovered);

/// <summary>
/// Many buyers at once, as the API would serve them: each holds the best N seats of a block and most
/// pay with the approved test card. Calls that fail because of a dead silo are retried (see
/// <see cref="Resilient"/>): a hold carries an idempotency key, so its retry is the same hold (never a
/// second one, never refused by the limit), and a retried checkout is idempotent.
/// </summary>
internal sealed class BuyerRush(IClusterClient client, string eventId, int blocks)
{
    public const string ApprovedCard = "4242424242424242";

    private int _done;
    private volatile bool _killed;

    public ConcurrentDictionary<string, AcknowledgedHold> Holds { get; } = new(StringComparer.Ordinal);

    /// <summary>Orders whose checkout answered "paid".</summary>
    public ConcurrentDictionary<string, OrderView> Paid { get; } = new(StringComparer.Ordinal);

    /// <summary>Reason codes of refused holds and checkouts, with how often each came back.</summary>
    public ConcurrentDictionary<string, int> Refusals { get; } = new(StringComparer.Ordinal);

    public int Done => Volatile.Read(ref _done);

    /// <summary>From now on, acknowledgements count as after the kill.</summary>
    public void MarkKilled() => _killed = true;

    /// <summary>Runs <paramref name="buyers"/> buyers, <paramref name="parallel"/> at a time; every fifth only holds.</summary>
    public Task RunAsync(int buyers, int parallel, int seed)
    {
        var random = new Random(seed);
        var plans = Enumerable.Range(0, buyers)
            .Select(i => (Buyer: $"buyer{i}", Block: $"B{random.Next(1, blocks + 1)}", Quantity: random.Next(1, 5), Pays: i % 5 != 4))
            .ToList();
        return Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (plan, _) =>
        {
            try
            {
                var hold = await HoldAsync(plan.Buyer, plan.Block, plan.Quantity);
                if (hold is not null && plan.Pays)
                {
                    await CheckoutAsync(hold);
                }
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        });
    }

    private async Task<OrderView?> HoldAsync(string buyerId, string blockId, int quantity)
    {
        var buyer = client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId));
        var request = new HoldRequest(blockId, HoldSelection.Best(SaleAudit.Category, quantity), null, $"hold-{buyerId}");
        var retried = false;
        var result = await Resilient.CallAsync(attempt =>
        {
            retried = attempt > 1;
            return buyer.HoldAsync(request);
        });
        var beforeKill = !_killed;
        if (result.IsSuccess)
        {
            // A retry with the same key is answered with the hold an earlier attempt made, if one got that far.
            Assert.True(Holds.TryAdd(result.Value!.OrderId, new AcknowledgedHold(result.Value, beforeKill, Recovered: retried)));
            return result.Value;
        }

        Refusals.AddOrUpdate($"hold {result.Code}", 1, (_, n) => n + 1);
        Assert.True(result.Code is Reasons.NotEnoughInventory or Reasons.SeatTaken, $"{buyerId}: {result.Code} {result.Message}");
        return null;
    }

    private async Task CheckoutAsync(OrderView hold)
    {
        var order = client.GetGrain<IOrderGrain>(hold.OrderId);
        var request = new CheckoutRequest(hold.BuyerId, $"checkout-{hold.OrderId}", ApprovedCard);
        var result = await Resilient.CallAsync(() => order.CheckoutAsync(request));
        if (result.IsSuccess)
        {
            Assert.Equal(OrderStatus.Paid, result.Value!.Status);
            Paid[hold.OrderId] = result.Value;
            return;
        }

        // Only a hold that ran out while the buyer was kept waiting by the dead silo may refuse payment.
        Refusals.AddOrUpdate($"checkout {result.Code}", 1, (_, n) => n + 1);
        Assert.Equal(Reasons.HoldExpired, result.Code);
        Assert.True(hold.HoldExpiresAt <= DateTimeOffset.UtcNow, $"{hold.OrderId} refused as expired before {hold.HoldExpiresAt}");
    }
}
