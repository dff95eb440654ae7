using System.Diagnostics;
using System.Globalization;
using Tiketi.Common;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;
using Tiketi.LoadTest.Targets.Orleans;
using Tiketi.Seating;
using Tiketi.Storage;

namespace Tiketi.LoadTest.Scenarios.Block;

/// <summary>
/// One seat block driven straight through its grain, nothing else on the path: <c>callers</c> loops each
/// hold best-available seats, then confirm them and hand the sale back (<c>--cycle confirm</c>) or release
/// them (<c>--cycle release</c>), so the block never sells out. Measures the block's own ceiling in
/// holds + confirms per second, after a warm-up. <c>--prefill</c> first sells that share of the seats for
/// good, as a block is mid-rush: its sold allocations are state every write of the old design copied.
/// </summary>
public sealed class BlockScenario(int seats, int seatsPerRow, int callers, int quantity, bool confirm, double prefill, TimeSpan warmUp, TimeSpan duration) : IScenario
{
    private long _holds;
    private long _confirms;

    public string Name => "block";

    public static BlockScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var seats = line.Count("seats", 1_000);
        var seatsPerRow = line.Count("seats-per-row", 25);
        var callers = line.Count("callers", 64);
        var quantity = line.Count("quantity", 2);
        var cycle = line.Text("cycle", "confirm");
        var prefill = line.Real("prefill", 0.5);
        var warmUp = line.Duration("warm-up", TimeSpan.FromSeconds(2));
        var duration = line.Duration("duration", TimeSpan.FromSeconds(10));
        if (seats is < 1 or > 5_000 || seatsPerRow < 1 || (seats + seatsPerRow - 1) / seatsPerRow > 100)
        {
            throw new UsageException("--seats 1-5000 in at most 100 rows of --seats-per-row.");
        }

        if (prefill is < 0 or > 0.95)
        {
            throw new UsageException("--prefill is the share of seats sold before the run: 0 to 0.95.");
        }

        if (callers < 1 || quantity < 1 || callers * quantity > seats - (int)(seats * prefill))
        {
            throw new UsageException("--callers and --quantity must be positive, and callers × quantity at most the seats left after --prefill (the block must never run out).");
        }

        if (cycle is not ("confirm" or "release") || warmUp < TimeSpan.Zero || duration <= TimeSpan.Zero)
        {
            throw new UsageException("--cycle confirm|release; --warm-up ≥ 0 and --duration > 0.");
        }

        return new BlockScenario(seats, seatsPerRow, callers, quantity, cycle == "confirm", prefill, warmUp, duration);
    }

    public string Status() => $"holds {Interlocked.Read(ref _holds)}  confirms {Interlocked.Read(ref _confirms)}";

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Target is not OrleansSaleTarget orleans)
        {
            throw new InvalidOperationException("The block scenario calls the seat block grain itself: use --target inproc or --target silo.");
        }

        var (metrics, report, ct) = (context.Metrics, context.Report, context.Cancellation);
        var spec = new SaleSpec(seats, 1, seatsPerRow, quantity, TimeSpan.FromMinutes(7), false, 100, 1000, TimeSpan.FromMinutes(3));
        var eventId = await orleans.CreateSaleAsync(spec, ct);
        var block = orleans.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, SaleSpec.BlockId(0)));
        report.Parameters["eventId"] = eventId;
        report.Parameters["seats"] = seats.ToString(CultureInfo.InvariantCulture);
        report.Parameters["callers"] = callers.ToString(CultureInfo.InvariantCulture);
        report.Parameters["quantity"] = quantity.ToString(CultureInfo.InvariantCulture);
        report.Parameters["cycle"] = confirm ? "confirm" : "release";
        report.Parameters["prefill"] = prefill.ToString(CultureInfo.InvariantCulture);
        report.Parameters["warmUpSeconds"] = warmUp.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        report.Parameters["durationSeconds"] = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture);

        await PrefillAsync(block, (int)(seats * prefill), orleans.SaleClock, ct);
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallerAsync(caller), ct)).ToArray();
        await Task.Delay(warmUp, ct);
        var (holdsAtStart, confirmsAtStart) = (Interlocked.Read(ref _holds), Interlocked.Read(ref _confirms));
        var window = Stopwatch.StartNew();
        await Task.Delay(duration, ct);
        var (holdsAtEnd, confirmsAtEnd, seconds) = (Interlocked.Read(ref _holds), Interlocked.Read(ref _confirms), window.Elapsed.TotalSeconds);
        await Task.WhenAll(loops);
        var (holds, confirms) = (holdsAtEnd - holdsAtStart, confirmsAtEnd - confirmsAtStart);

        report.Figures["holdsPerSecond"] = Math.Round(holds / seconds, 1);
        report.Figures["confirmsPerSecond"] = Math.Round(confirms / seconds, 1);
        report.Figures["holdsConfirmsPerSecond"] = Math.Round((holds + confirms) / seconds, 1);
        report.Figures["measuredSeconds"] = Math.Round(seconds, 2);
        if (orleans.Name == "inproc")
        {
            // The in-process silo keeps journals in memory grains: how many records the commands took.
            var journal = await orleans.Client.GetGrain<IMemoryJournalGrain>(BlockJournal.IdOf(GrainKeys.Block(eventId, SaleSpec.BlockId(0)))).LoadAsync();
            var records = journal.SnapshotSequence + journal.Records.Length;
            var commands = metrics.Operations.Sum(o => o.OkCount) + (2 * (((int)(seats * prefill) + 1) / 2));
            report.Figures["journalRecords"] = records;
            report.Figures["commandsPerRecord"] = Math.Round(commands / (double)Math.Max(records, 1), 1);
        }

        report.Invariants = await CheckAsync(block, seats, (int)(seats * prefill));
        await context.Log.WriteLineAsync(
            $"block: {report.Figures["holdsConfirmsPerSecond"]:N0} holds+confirms/s over {seconds:N1} s ({holds:N0} holds, {confirms:N0} confirms, {callers} callers)");

        async Task CallerAsync(int caller)
        {
            var end = started + (long)((warmUp + duration).TotalSeconds * Stopwatch.Frequency);
            var buyer = $"bb{caller}";
            for (var i = 0; Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested; i++)
            {
                var holdId = $"bk{caller}x{i}";
                var command = new HoldCommand(holdId, buyer, HoldSelection.Best(SaleSpec.Category, quantity), orleans.SaleClock.GetUtcNow().AddMinutes(10));
                var held = await metrics.TimeAsync("hold", async () => Answer(await block.HoldAsync(command)), ct);
                if (!held.IsOk)
                {
                    continue;
                }

                Interlocked.Increment(ref _holds);
                if (confirm)
                {
                    var sold = await metrics.TimeAsync("confirm", async () => Answer(await block.ConfirmAsync(holdId)), ct);
                    if (sold.IsOk)
                    {
                        Interlocked.Increment(ref _confirms);
                    }

                    // Handing the sale back keeps the block from selling out, so the run measures a steady state.
                    await metrics.TimeAsync("return", async () => Answer(await block.ReturnSoldAsync(holdId)), ct);
                }
                else
                {
                    await metrics.TimeAsync("release", async () => Answer(await block.ReleaseAsync(holdId, ReleaseReason.BuyerReleased)), ct);
                }
            }
        }
    }

    /// <summary>Every cycle handed its seats back: what is left is the prefill, sold, and nothing held.</summary>
    private static async Task<Reporting.InvariantReport> CheckAsync(ISeatBlockGrain block, int seats, int prefilled)
    {
        var snapshot = await block.GetSnapshotAsync();
        var allocations = await block.GetAllocationsAsync();
        var violations = new List<string>();
        var counts = snapshot.Counts[SaleSpec.Category];
        var allocated = allocations.Sum(a => a.Items.Sum(i => i.Quantity));
        if (allocations.Any(a => a.Status == AllocationStatus.Held) || allocated != prefilled)
        {
            violations.Add($"{allocated} seats allocated ({allocations.Count(a => a.Status == AllocationStatus.Held)} holds) after the run; only the {prefilled} prefilled seats should be, sold");
        }

        if (counts != new Tiketi.Events.InventoryCounts(seats - prefilled, 0, prefilled))
        {
            violations.Add($"counts {counts} after the run; expected {seats - prefilled} available, {prefilled} sold");
        }

        var mapSold = snapshot.Seats.Count(s => s == (byte)SeatStatus.Sold);
        if (mapSold != prefilled || snapshot.Seats.Any(s => s == (byte)SeatStatus.Held))
        {
            violations.Add($"the seat map shows {mapSold} sold and {snapshot.Seats.Count(s => s == (byte)SeatStatus.Held)} held");
        }

        return new(true, violations, new Dictionary<string, long> { ["unitsSold"] = prefilled, ["allocations"] = allocations.Length });
    }

    /// <summary>Sells <paramref name="count"/> seats in pairs (one for an odd rest), 16 buyers at a time.</summary>
    private static async Task PrefillAsync(ISeatBlockGrain block, int count, TimeProvider clock, CancellationToken ct)
    {
        var sales = Enumerable.Range(0, (count + 1) / 2).Select(i => (Id: $"pf{i}", Seats: Math.Min(2, count - (2 * i))));
        await Parallel.ForEachAsync(sales, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (sale, _) =>
        {
            var held = await block.HoldAsync(new HoldCommand(sale.Id, "prefill", HoldSelection.Best(SaleSpec.Category, sale.Seats), clock.GetUtcNow().AddMinutes(10)));
            var sold = held.IsSuccess ? await block.ConfirmAsync(sale.Id) : Result<HoldGrant>.From(new Result(held.Code, held.Message));
            if (!sold.IsSuccess)
            {
                throw new InvalidOperationException($"Prefilling the block failed: {sold.Code} {sold.Message}");
            }
        });
    }

    private static Reply<bool> Answer(Result result) => result.IsSuccess ? Reply<bool>.Ok(true) : Reply<bool>.Fail(result.Code!, result.Message);

    private static Reply<bool> Answer<T>(Result<T> result) => result.IsSuccess ? Reply<bool>.Ok(true) : Reply<bool>.Fail(result.Code!, result.Message);
}
