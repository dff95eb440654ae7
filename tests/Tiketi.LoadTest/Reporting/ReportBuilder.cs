using HdrHistogram;
using Tiketi.LoadTest.Measuring;

namespace Tiketi.LoadTest.Reporting;

/// <summary>Turns live <see cref="Metrics"/> into the figures of a <see cref="RunReport"/>.</summary>
public static class ReportBuilder
{
    public static void Fill(RunReport report, Metrics metrics)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(metrics);
        report.DurationSeconds = Math.Round(metrics.ElapsedSeconds, 3);
        report.Operations = [.. metrics.Operations.Select(o =>
        {
            var (peak, sustained) = o.Rates();
            return Describe(o.Name, o.Latencies, o.Outcomes, o.ActiveSeconds, metrics) with
            {
                PeakPerSecond = peak,
                SustainedPerSecond = Math.Round(sustained, 1),
                OkPerSecond = o.OkPerSecond(),
            };
        })];

        var merged = new LongHistogram(1, 600_000_000, 3);
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var op in metrics.Operations)
        {
            var setup = metrics.SetupOperations.Contains(op.Name);
            if (!setup)
            {
                merged.Add(op.Latencies);
            }

            foreach (var (code, n) in op.Outcomes)
            {
                if (!setup)
                {
                    outcomes[code] = outcomes.GetValueOrDefault(code) + n;
                }

                if (metrics.IsError(code))
                {
                    report.Errors[code] = report.Errors.GetValueOrDefault(code) + n;
                }
                else if (code != OperationStats.Ok)
                {
                    report.Rejections[code] = report.Rejections.GetValueOrDefault(code) + n;
                }
            }
        }

        report.Overall = Describe("all", merged, outcomes, metrics.ElapsedSeconds, metrics);
        foreach (var (name, value) in metrics.Counters)
        {
            report.Counters[name] = value;
        }

        report.Counters["maxInFlight"] = metrics.MaxInFlight;
    }

    private static OperationReport Describe(string name, HistogramBase histogram, IReadOnlyDictionary<string, long> outcomes, double activeSeconds, Metrics metrics)
    {
        var count = outcomes.Values.Sum();
        var ok = outcomes.GetValueOrDefault(OperationStats.Ok);
        var errors = outcomes.Where(o => metrics.IsError(o.Key)).Sum(o => o.Value);
        var latency = histogram.TotalCount == 0
            ? new LatencyMs(0, 0, 0, 0, 0, 0, 0)
            : new LatencyMs(Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(90)),
                Ms(histogram.GetValueAtPercentile(95)), Ms(histogram.GetValueAtPercentile(99)),
                Ms(histogram.GetValueAtPercentile(99.9)), Ms(histogram.GetMaxValue()), Math.Round(histogram.GetMean() / 1000.0, 3));
        var rate = activeSeconds > 0 ? ok / activeSeconds : 0;
        return new OperationReport(name, count, ok, errors, count - ok - errors, Math.Round(rate, 1), Math.Round(activeSeconds, 3), latency,
            new SortedDictionary<string, long>(outcomes.ToDictionary(), StringComparer.Ordinal));
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
