using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Scenarios;
using Tiketi.LoadTest.Targets.Orleans;

namespace Tiketi.LoadTest.Tests;

/// <summary>
/// Issue #10's acceptance: the on-sale audit of a simulated rush matches what the load tool observed:
/// the same holds, sales, seats, refusals by code and admissions, counted independently on each side.
/// </summary>
[Collection(InProcessRuns.Name)]
public sealed class AuditMatchesRushTests
{
    // The operations that reach audited (buyer-facing) grain methods, by the tool's names for them.
    private static readonly string[] AuditedOperations = ["join", "hold", "checkout"];

    [Fact]
    public async Task Rush_300SeatsFor1500Buyers_AuditReportMatchesTheLoadToolsCounts()
    {
        SaleReport? audit = null;
        Observed? observed = null;
        var hooks = new LoadTestHooks
        {
            AfterRush = async (context, eventId) =>
            {
                observed = Observed.From(context.Metrics);
                var client = ((OrleansSaleTarget)context.Target).Client;

                // Error counts reach the audit on each silo's next flush (about a second): wait for them, up to a deadline.
                var deadline = DateTime.UtcNow.AddSeconds(15);
                do
                {
                    audit = await client.GetGrain<ISaleReportGrain>(eventId).GetAsync(0, 100);
                    if (Codes(audit!.Errors).SequenceEqual(observed.Refusals) || DateTime.UtcNow > deadline)
                    {
                        break;
                    }

                    await Task.Delay(100);
                }
                while (true);
            },
        };

        var code = await LoadTestApp.RunAsync(
            ["rush", "--target", "inproc", "--seats", "300", "--buyers", "1500", "--time-scale", "10", "--idle-timeout", "10m",
             "--abandon", "0.1", "--concurrency", "32", "--duration-limit", "120s", "--threshold", "errors<1%"],
            TextWriter.Null, TextWriter.Null, hooks);

        Assert.Equal(ExitCodes.Passed, code);
        Assert.NotNull(audit);
        var o = observed!;
        var holds = audit.Holds;
        Assert.Contains(o.Refusals.Keys, c => c is "RES001" or "RES003" or "QUEUE004");
        Assert.Equal(o.Refusals, Codes(audit.Errors));
        Assert.Equal(o.HoldsOk, holds.Placed.Holds);
        Assert.Equal(o.CheckoutsOk, holds.Sold.Holds);
        Assert.Equal(o.TicketsPaid, holds.Sold.Seats);
        Assert.Equal(o.TicketsPaid, audit.Total.Sold);
        Assert.True(o.Abandoned > 0, "the rush walked away from no hold: nothing to expire");
        Assert.Equal(0, holds.ReleasedByBuyer.Holds + holds.ReleasedByAdmin.Holds + holds.ReleasedOther.Holds + holds.Returned.Holds);

        // Every hold the tool did not pay was walked away from or ran out at checkout; those that expired are
        // gone, the rest are still held, seat for seat.
        Assert.Equal(o.Abandoned + o.ExpiredAtCheckout, holds.Placed.Holds - holds.Sold.Holds);
        Assert.InRange(holds.Expired.Holds, o.ExpiredAtCheckout, o.Abandoned + o.ExpiredAtCheckout);
        Assert.Equal(holds.Placed.Seats - holds.Sold.Seats - holds.Expired.Seats, audit.Total.Held);
        Assert.Equal(o.HoldsOk == 0 ? null : (double)o.CheckoutsOk / o.HoldsOk, holds.Conversion);

        // The queue: every buyer the tool sent arrived, each admission it saw is an admitted place, and the
        // timelines add up to the totals.
        var queue = audit.Queue!;
        Assert.Equal(o.Admitted, audit.QueueNow!.AdmittedTotal);
        Assert.Equal(o.Admitted, queue.Admitted);
        Assert.InRange(queue.Arrivals, 1500, o.JoinsOk);
        Assert.Equal(queue.Arrivals, queue.ArrivalsOverTime.Sum(b => b.Count));
        Assert.Equal(queue.Admitted, queue.AdmissionsOverTime.Sum(b => b.Count));
        Assert.Equal(Math.Min(100, queue.Arrivals), queue.Order.Length);
        Assert.Equal(Enumerable.Range(0, queue.Order.Length).Select(i => (long)i), queue.Order.Select(p => p.Sequence));
        Assert.Equal(300, audit.Total.Capacity);
    }

    private static ImmutableSortedDictionary<string, long> Codes(ImmutableArray<ErrorCount> errors) =>
        errors.ToImmutableSortedDictionary(e => e.Code, e => e.Count, StringComparer.Ordinal);

    /// <summary>What the load tool saw, from its own measurements.</summary>
    private sealed record Observed(
        ImmutableSortedDictionary<string, long> Refusals, long HoldsOk, long CheckoutsOk, long TicketsPaid,
        long Abandoned, long ExpiredAtCheckout, long Admitted, long JoinsOk)
    {
        public static Observed From(Metrics metrics)
        {
            // Answers with a reason code; transport failures (EX:, HTTP5xx) never reached a grain's answer.
            var refusals = AuditedOperations.SelectMany(op => metrics[op].Outcomes)
                .Where(kv => kv.Key != OperationStats.Ok && !kv.Key.StartsWith("EX:", StringComparison.Ordinal) && !kv.Key.StartsWith("HTTP", StringComparison.Ordinal))
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
            return new Observed(
                refusals, metrics["hold"].OkCount, metrics["checkout"].OkCount, metrics.Counter("tickets.paid"),
                metrics.Counter("buyers.abandoned"), metrics.Counter("buyers.holdExpiredAtCheckout"),
                metrics.Counter("buyers.admitted"), metrics["join"].OkCount);
        }
    }
}
