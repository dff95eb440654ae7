using System.Diagnostics;
using System.Globalization;
using Tiketi.Common;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;
using Tiketi.LoadTest.Targets.Orleans;
using Tiketi.Queue;

namespace Tiketi.LoadTest.Scenarios.Queue;

/// <summary>
/// The waiting room at the opening: N distinct buyers (32-hex-digit ids, like account ids) join one queue
/// as fast as the target takes them, then random buyers read their position. Admission is all but
/// stopped, so the queue only grows. The join rate is reported per 100,000 joins (a join must cost the
/// same at the millionth place as at the first). In process (--target inproc) the managed heap is
/// measured before and after: bytes per queued buyer. With --reactivate (Orleans targets) the queue
/// grain is then deactivated and the time of the call that activates it again is reported.
/// </summary>
public sealed class QueueFloodScenario(int joins, int reads, int concurrency, int signInConcurrency, bool reactivate = false) : IScenario
{
    /// <summary>The join rate is reported for each this many joins.</summary>
    public const int Chunk = 100_000;

    private long _longest;
    private long _joined;

    public string Name => "queue-flood";

    public static QueueFloodScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var joins = line.Count("joins", 20_000);
        var scenario = new QueueFloodScenario(joins, line.Count("reads", joins), line.Count("concurrency", 512), line.Count("sign-in-concurrency", 32), line.Flag("reactivate"));
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

        // 16 hex digits of run prefix and 16 of counter: the shape of the API's account ids (GUIDs, "N").
        var prefix = $"{Guid.NewGuid():N}"[..16];
        var buyers = new IBuyerSession?[joins];
        await Parallel.ForEachAsync(Enumerable.Range(0, joins), Options(signInConcurrency, ct), async (i, token) =>
            buyers[i] = (await target.SignInAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:x16}"), metrics, token)).Value);

        var heapBefore = target.Name == "inproc" ? Heap() : 0;
        await context.Log.WriteLineAsync($"queue-flood: {joins} joins into event {eventId}");
        var chunkEnds = new double[(joins + Chunk - 1) / Chunk];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(buyers.OfType<IBuyerSession>(), Options(concurrency, ct), async (buyer, token) =>
        {
            var joined = await metrics.TimeAsync("join", () => buyer.JoinQueueAsync(eventId, token), token);
            if (joined.IsOk)
            {
                Longest(joined.Value!.Position);
            }

            var done = Interlocked.Increment(ref _joined);
            if (done % Chunk == 0 || done == joins)
            {
                chunkEnds[(done - 1) / Chunk] = clock.Elapsed.TotalSeconds;
            }
        });

        report.Figures["joinsPerSecond"] = Rate(metrics["join"]);
        for (var i = 0; i < chunkEnds.Length; i++)
        {
            // Completions are counted as they finish, so a chunk's end is when its last join was answered.
            var size = Math.Min(Chunk, joins - (i * Chunk));
            var seconds = chunkEnds[i] - (i == 0 ? 0 : chunkEnds[i - 1]);
            report.Figures[string.Create(CultureInfo.InvariantCulture, $"joinsPerSecond.upTo{(i * Chunk) + size:D7}")] = Math.Round(seconds > 0 ? size / seconds : 0, 1);
        }

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
        if (reactivate && target is OrleansSaleTarget orleans)
        {
            var (seconds, waiting) = await ReactivateAsync(orleans.Client, eventId, ct);
            report.Figures["activationSeconds"] = Math.Round(seconds, 3);
            report.Figures["waitingAfterActivation"] = waiting;
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"queue-flood: the queue reactivated with {waiting:N0} waiting in {seconds:F3} s"));
        }
    }

    /// <summary>
    /// Deactivates idle grains (the queue among them; journals kept in memory are kept alive), then times
    /// the first call, which activates the queue from its journal.
    /// </summary>
    private static async Task<(double Seconds, long Waiting)> ReactivateAsync(IClusterClient client, string eventId, CancellationToken ct)
    {
        var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
        var id = queue.GetGrainId();
        var management = client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; (await management.GetActiveGrains(id.Type, ct)).Contains(id); attempt++)
        {
            if (attempt == 20)
            {
                throw new InvalidOperationException("The queue grain stayed active: it could not be timed reactivating.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(400), ct);
        }

        var watch = Stopwatch.StartNew();
        var info = await queue.GetInfoAsync();
        return (watch.Elapsed.TotalSeconds, info.Waiting);
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
