using System.Globalization;
using Tiketi.Common;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Invariants;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>
/// The ticket-open rush: an event of M seats in B blocks; N buyers join its queue at the opening;
/// admitted buyers hold and mostly pay, some walk away so their holds expire and the seats sell again,
/// until the sale is sold out (or every buyer is done). Then the sale's final state is audited.
/// </summary>
public sealed class RushScenario(RushOptions options) : IScenario
{
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(3);
    private readonly RushLedger _ledger = new();
    private AvailabilityBoard? _board;

    public string Name => "rush";

    public static RushScenario Create(CommandLine line) => new(RushOptions.Read(line, defaultSeats: 2_000, defaultBuyers: 10_000));

    public string Status() => _board is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"waiting {_ledger.Waiting} shopping {_ledger.Shopping} paid {_ledger.PaidCount} | seats sold {_board.Sold} held {_board.Held} free {_board.Available}");

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (target, metrics, report, ct) = (context.Target, context.Metrics, context.Report, context.Cancellation);
        // A hold that runs out before its buyer pays is part of a rush (more so with --time-scale): a rejection, not an error.
        // So is a place that lapsed: a buyer waiting longer than the idle timeout for held seats to come back
        // loses the shopping slot to the next in line, and the pass ends with the place (issue #16).
        metrics.Expect(Reasons.SeatTaken, Reasons.NotEnoughInventory, Reasons.SoldOut, Reasons.HoldExpired, Reasons.PassExpired);
        Describe(report.Parameters);

        var eventId = await target.CreateSaleAsync(options.Sale, ct);
        report.Parameters["eventId"] = eventId;
        await context.Log.WriteLineAsync($"rush: event {eventId}, {options.Sale.Seats} seats in {options.Sale.Blocks} blocks, {options.Buyers} buyers");

        var buyers = await SignInAsync(target, metrics, ct);
        var watch = await WatchAsync(target, eventId, context.Log, ct);
        _board = await AvailabilityBoard.StartAsync(target, eventId, metrics, TimeSpan.FromMilliseconds(250), ct);
        var opening = metrics.ElapsedSeconds;
        var fault = FaultInjection.From(options, metrics);
        fault?.Arm(ct);
        OperationCanceledException? cut = null;
        try
        {
            using var gates = new RushGates(options.Concurrency);
            var picker = new SeatPicker(options.Sale.SeatsPerRow);
            await Task.WhenAll(buyers.Select((buyer, i) => Task.Run(
                () => new BuyerJourney(buyer, eventId, options, metrics, _ledger, _board, watch, picker, gates, new Random(options.Seed + i), ct).RunAsync(), ct)));
        }
        catch (OperationCanceledException cancelled)
        {
            // Out of time: the sale is audited all the same, whatever state the rush left it in.
            cut = cancelled;
        }
        finally
        {
            report.Figures["rushSeconds"] = Math.Round(metrics.ElapsedSeconds - opening, 3);
            if (_board.SoldOutAfterSeconds is { } soldOut)
            {
                report.Figures["soldOutAfterSeconds"] = Math.Round(soldOut, 3);
            }

            await _board.DisposeAsync();
            if (watch is not null)
            {
                report.Counters["queueProgressPushes"] = watch.Updates;
                await watch.DisposeAsync();
            }
        }

        Figures(report, metrics);

        // Counted before the audit, whose reads are not the sale's cost.
        if (target is Targets.Orleans.OrleansSaleTarget { Costs: { } costs })
        {
            report.Costs = costs.Report(metrics.Counter("buyers.paid"));
        }

        if (fault is not null)
        {
            await fault.ReportAsync(report);
        }

        var reader = context.Hooks.WrapStateReader?.Invoke(target.StateReader) ?? target.StateReader;
        await context.Log.WriteLineAsync("rush: auditing the sale's final state");
        using (var audit = new CancellationTokenSource(AuditTimeout))
        {
            var state = await reader.ReadAsync(eventId, _ledger.Held, audit.Token);
            report.Invariants = InvariantChecker.Check(state, _ledger.Paid, target.HoldGrace);
        }

        report.Figures["seatsSold"] = report.Invariants.Figures.GetValueOrDefault("unitsSold");
        report.Figures["soldOutShare"] = Math.Round((double)report.Invariants.Figures.GetValueOrDefault("unitsSold") / Math.Max(1, report.Invariants.Figures.GetValueOrDefault("capacity")), 4);
        if (cut is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cut);
        }

        if (context.Hooks.AfterRush is { } after)
        {
            await after(context, eventId);
        }
    }

    private async Task<IReadOnlyList<IBuyerSession>> SignInAsync(ISaleTarget target, Metrics metrics, CancellationToken ct)
    {
        var sessions = new IBuyerSession?[options.Buyers];
        var prefix = $"b{Guid.NewGuid():N}"[..9];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Buyers), new ParallelOptions { MaxDegreeOfParallelism = options.SignInConcurrency, CancellationToken = ct }, async (i, token) =>
        {
            var reply = await target.SignInAsync($"{prefix}-{i}", metrics, token);
            sessions[i] = reply.Value;
        });
        var failed = sessions.Count(s => s is null);
        if (failed > 0)
        {
            metrics.Count("buyers.signInFailed", failed);
        }

        return [.. sessions.OfType<IBuyerSession>()];
    }

    private static async Task<AdmissionWatch?> WatchAsync(ISaleTarget target, string eventId, TextWriter log, CancellationToken ct)
    {
        try
        {
            return await target.WatchQueueAsync(eventId, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await log.WriteLineAsync($"rush: no queue progress stream ({exception.GetType().Name}); buyers poll instead");
            return null;
        }
    }

    private void Describe(Dictionary<string, string> parameters)
    {
        var c = CultureInfo.InvariantCulture;
        var sale = options.Sale;
        parameters["seats"] = sale.Seats.ToString(c);
        parameters["capacity"] = (sale.RowsPerBlock().Sum() * sale.SeatsPerRow).ToString(c);
        parameters["blocks"] = sale.Blocks.ToString(c);
        parameters["seatsPerRow"] = sale.SeatsPerRow.ToString(c);
        parameters["buyers"] = options.Buyers.ToString(c);
        parameters["perBuyerLimit"] = sale.PerBuyerLimit.ToString(c);
        parameters["hold"] = sale.HoldDuration.ToString("c", c);
        parameters["admitRate"] = sale.AdmissionsPerSecond.ToString(c);
        parameters["maxActive"] = sale.MaxActiveShoppers.ToString(c);
        parameters["idleTimeout"] = sale.IdleTimeout.ToString("c", c);
        parameters["queueMode"] = sale.Lottery ? "lottery" : "fifo";
        if (sale.Lottery)
        {
            parameters["opensIn"] = sale.OpensIn.ToString("c", c);
        }

        parameters["abandon"] = options.AbandonRatio.ToString(c);
        parameters["explicit"] = options.ExplicitRatio.ToString(c);
        parameters["think"] = options.Think.ToString("c", c);
        parameters["concurrency"] = options.Concurrency.ToString(c);
        parameters["seed"] = options.Seed.ToString(c);
        parameters["patience"] = options.Patience.ToString("c", c);
    }

    private static void Figures(Reporting.RunReport report, Metrics metrics)
    {
        foreach (var (op, name) in new[] { ("hold", "holds"), ("checkout", "paidOrders"), ("join", "joins") })
        {
            var stats = metrics[op];
            var (peak, sustained) = stats.Rates();
            report.Figures[$"{name}PerSecond"] = Math.Round(stats.ActiveSeconds > 0 ? stats.OkCount / stats.ActiveSeconds : 0, 1);
            report.Figures[$"{name}PerSecondSustained"] = Math.Round(sustained, 1);
            report.Figures[$"{name}PerSecondPeak"] = peak;
        }
    }
}
