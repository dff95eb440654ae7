using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Serialization;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;
using Tiketi.Silo.Clients;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// Issue 17: PostgreSQL restarts (<c>pg_ctl restart -m fast</c>) while buyers hold and pay on a cluster of
/// silo processes. A caller, configured as the API hosts are, never sees a codec error (a database
/// exception that could not cross the wire): every call either succeeds, answers a sale outcome, or
/// fails with a failure the API answers with its retryable code; and the sale goes on afterwards without
/// restarting anything.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseRestartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Buyers = 8;
    private const int CallsBeforeRestart = 20;
    private const int PaidAfterRestart = 20;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);

    // Grain storage and reminder registration (ReminderRegistration) wait out the restart and fail, if at
    // all, as SYS003: no database exception reaches a caller as a codec error.
    [Fact]
    public async Task DatabaseRestart_DuringHoldsAndCheckouts_NoCodecErrorAndEveryFailureRetryable()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "pg_restart");
        await cluster.RunAsync(output, async () =>
        {
            var clock = Stopwatch.StartNew();
            await cluster.StartSilosAsync(2);
            var client = await cluster.ConnectAsTheApiAsync();
            var eventId = await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 4, rows: 5, seatsPerRow: 20, TimeSpan.FromMinutes(5), queue: false));
            var sale = new Traffic(client, eventId);
            using var stop = new CancellationTokenSource(Within);
            var buyers = Enumerable.Range(0, Buyers).Select(b => sale.BuyAsync(b, stop.Token)).ToList();

            await WaitAsync(() => sale.Calls >= CallsBeforeRestart, stop.Token);
            var paidBefore = sale.Paid;
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  restarting PostgreSQL after {sale.Calls} calls, {paidBefore} paid");
            await postgres.RestartAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  PostgreSQL accepts connections again");
            await WaitAsync(() => sale.Paid >= paidBefore + PaidAfterRestart, stop.Token);
            await stop.CancelAsync();
            await Task.WhenAll(buyers);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {sale.Calls} calls, {sale.Paid} paid, outcomes [{string.Join(", ", sale.Outcomes.Select(o => $"{o.Key}={o.Value}"))}]");

            Assert.DoesNotContain(sale.Failures, f => f is CodecNotFoundException);
            Assert.All(sale.Failures, f => Assert.True(TransientFaults.IsTransient(f), $"a caller saw {f.GetType().Name}: {f.Message}"));
            Assert.DoesNotContain(sale.Outcomes.Keys, code => code.StartsWith("SYS", StringComparison.Ordinal));
            Assert.True(sale.Paid >= paidBefore + PaidAfterRestart, "the sale did not go on after the restart");
            await SaleAudit.AssertConsistentAsync(client, eventId);
        });
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Buyers who each hold one or two seats and pay, again and again, counting every answer.</summary>
    private sealed class Traffic(IClusterClient client, string eventId)
    {
        private int _calls;
        private int _paid;

        public ConcurrentBag<Exception> Failures { get; } = [];

        public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

        public int Calls => Volatile.Read(ref _calls);

        public int Paid => Volatile.Read(ref _paid);

        public async Task BuyAsync(int buyer, CancellationToken cancellationToken)
        {
            for (var round = 0; !cancellationToken.IsCancellationRequested; round++)
            {
                var buyerId = $"pg{buyer}-{round}";
                var hold = await CallAsync("hold", () => client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId))
                    .HoldAsync(new HoldRequest($"B{(round % 4) + 1}", HoldSelection.Best(SaleAudit.Category, 1 + (round % 2)), null)));
                if (hold is not { IsSuccess: true })
                {
                    continue;
                }

                var paid = await CallAsync("checkout", () => client.GetGrain<IOrderGrain>(hold.Value!.OrderId)
                    .CheckoutAsync(new CheckoutRequest(buyerId, $"pay-{hold.Value.OrderId}", BuyerRush.ApprovedCard)));
                if (paid is { IsSuccess: true })
                {
                    Interlocked.Increment(ref _paid);
                }
            }
        }

        private async Task<Result<OrderView>?> CallAsync(string operation, Func<Task<Result<OrderView>>> call)
        {
            Interlocked.Increment(ref _calls);
            try
            {
                var result = await call();
                Outcomes.AddOrUpdate($"{operation} {result.Code ?? "ok"}", 1, (_, n) => n + 1);
                return result;
            }
            catch (Exception exception)
            {
                Failures.Add(exception);
                Outcomes.AddOrUpdate($"{operation} {exception.GetType().Name}", 1, (_, n) => n + 1);
                return null;
            }
        }
    }
}
