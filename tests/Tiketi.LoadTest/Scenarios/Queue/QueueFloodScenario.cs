using System.Globalization;
using Tiketi.Common;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios.Queue;

/// <summary>
/// The waiting room at the opening: N distinct buyers join one queue as fast as the target takes them,
/// then random buyers read their position. Admission is all but stopped, so the queue only grows.
/// In process (--target inproc) the managed heap is measured before and after: bytes per queued buyer.
/// </summary>
public sealed class QueueFloodScenario(int joins, int reads, int concurrency, int signInConcurrency) : IScenario
{
    private long _longest;

    public string Name => "queue-flood";

    public static QueueFloodScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var joins = line.Count("joins", 20_000);
        var scenario = new QueueFloodScenario(joins, line.Count("reads", joins), line.Count("concurrency", 512), line.Count("sign-in-concurrency", 32));
        return joins < 1 || scenario.Reads() < 0 ? throw new UsageException("--joins must be positive, --reads not negative.") : scenario;
    }

    public string Status() => string.Create(CultureInfo.InvariantCulture, $"queue length {Interlocked.Read(ref _longest)}");

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (target, metrics, report, ct) = (context.Target, context.Metrics, context.Report, context.Cancellation);
        report.Parameters["joins"] = joins.ToString(CultureInfo.InvariantCulture);
        report.Parameters["reads"] = reads.ToString(CultureInfo.InvariantCulture);
        report.Parameters["concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
        var spec = new SaleSpec(100, 1, 25, 4, TimeSpan.FromMinutes(7), true, AdmissionsPerSecond: 0.1, MaxActiveShoppers: 1, TimeSpan.FromMinutes(3));
        var eventId = await target.CreateSaleAsync(spec, ct);
        report.Parameters["eventId"] = eventId;

        var prefix = $"q{Guid.NewGuid():N}"[..9];
        var buyers = new IBuyerSession?[joins];
        await Parallel.ForEachAsync(Enumerable.Range(0, joins), Options(signInConcurrency, ct), async (i, token) =>
            buyers[i] = (await target.SignInAsync($"{prefix}-{i}", metrics, token)).Value);

        var heapBefore = target.Name == "inproc" ? Heap() : 0;
        await context.Log.WriteLineAsync($"queue-flood: {joins} joins into event {eventId}");
        await Parallel.ForEachAsync(buyers.OfType<IBuyerSession>(), Options(concurrency, ct), async (buyer, token) =>
        {
            var joined = await metrics.TimeAsync("join", () => buyer.JoinQueueAsync(eventId, token), token);
            if (joined.IsOk)
            {
                Longest(joined.Value!.Position);
            }
        });

        report.Figures["joinsPerSecond"] = Rate(metrics["join"]);
        report.Figures["queueLength"] = Interlocked.Read(ref _longest);
        if (target.Name == "inproc")
        {
            // The silo shares this process: the heap's growth is the queue's state (plus the storage's copy of it).
            var bytes = Heap() - heapBefore;
            report.Figures["heapBytesPerQueuedBuyer"] = Math.Round((double)bytes / joins, 1);
        }

        var random = new Random(7);
        var picks = Enumerable.Range(0, reads).Select(_ => buyers[random.Next(joins)]).OfType<IBuyerSession>().ToList();
        await Parallel.ForEachAsync(picks, Options(concurrency, ct), async (buyer, token) =>
            await metrics.TimeAsync("queue-status", () => buyer.QueueStatusAsync(eventId, token), token));
        report.Figures["positionReadsPerSecond"] = Rate(metrics["queue-status"]);
        metrics.Expect(Reasons.SoldOut);
    }

    private int Reads() => reads;

    private void Longest(long position)
    {
        var known = Interlocked.Read(ref _longest);
        while (position > known && Interlocked.CompareExchange(ref _longest, position, known) != known)
        {
            known = Interlocked.Read(ref _longest);
        }
    }

    private static double Rate(OperationStats op) => Math.Round(op.ActiveSeconds > 0 ? op.OkCount / op.ActiveSeconds : 0, 1);

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static ParallelOptions Options(int parallelism, CancellationToken ct) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
}
