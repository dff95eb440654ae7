using System.Globalization;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios.SeatMap;

/// <summary>
/// Browsers opening the seat map: whole-event snapshot reads (every block's seats with its version),
/// as <c>GET /api/events/{id}/seats</c> serves them, against a new event or an existing one (--event).
/// </summary>
public sealed class SeatMapReadScenario(int requests, int concurrency, SaleSpec spec, string? eventId) : IScenario
{
    public string Name => "seatmap-read";

    public static SeatMapReadScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var seats = line.Count("seats", 10_000);
        var blocks = line.Count("blocks", Math.Max(1, (int)Math.Ceiling(seats / 1000.0)));
        var spec = new SaleSpec(seats, blocks, line.Count("seats-per-row", 25), 4, TimeSpan.FromMinutes(7), true, 100, 1000, TimeSpan.FromMinutes(3));
        var requests = line.Count("requests", 5_000);
        var concurrency = line.Count("concurrency", 64);
        return requests < 1 || concurrency < 1 || spec.RowsPerBlock().Any(r => r is < 1 or > 100)
            ? throw new UsageException("--requests and --concurrency must be positive; blocks need 1-100 rows (--blocks).")
            : new SeatMapReadScenario(requests, concurrency, spec, line.Text("event"));
    }

    public string Status() => "";

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (target, metrics, report, ct) = (context.Target, context.Metrics, context.Report, context.Cancellation);
        var id = eventId ?? await target.CreateSaleAsync(spec, ct);
        report.Parameters["eventId"] = id;
        report.Parameters["requests"] = requests.ToString(CultureInfo.InvariantCulture);
        report.Parameters["concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
        if (eventId is null)
        {
            report.Parameters["seats"] = spec.Seats.ToString(CultureInfo.InvariantCulture);
            report.Parameters["blocks"] = spec.Blocks.ToString(CultureInfo.InvariantCulture);
        }

        long seats = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (_, token) =>
        {
            var map = await metrics.TimeAsync("seatmap", () => target.ReadSeatMapAsync(id, token), token);
            if (map.IsOk)
            {
                Interlocked.Exchange(ref seats, map.Value!.Sum(b => (long)b.Seats.Length));
            }
        });

        var op = metrics["seatmap"];
        report.Figures["seatMapsPerSecond"] = Math.Round(op.ActiveSeconds > 0 ? op.OkCount / op.ActiveSeconds : 0, 1);
        report.Figures["seatsPerMap"] = Interlocked.Read(ref seats);
        report.Figures["blockSnapshotsPerSecond"] = Math.Round(report.Figures["seatMapsPerSecond"] * spec.Blocks, 1);
    }
}
