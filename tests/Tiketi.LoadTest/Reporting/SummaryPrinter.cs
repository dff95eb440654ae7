using System.Globalization;

namespace Tiketi.LoadTest.Reporting;

/// <summary>The human summary at the end of a run: a table per operation, errors by code, figures, verdicts.</summary>
public static class SummaryPrinter
{
    public static void Print(RunReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"== {report.Scenario} on {report.Target}: {report.DurationSeconds:F1} s, {report.Machine.Cores} cores =="));
        output.WriteLine(string.Create(c, $"{"operation",-14} {"count",9} {"ok",9} {"rejected",9} {"errors",7} {"ok/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",9}"));
        foreach (var op in report.Operations.Append(report.Overall))
        {
            var l = op.LatencyMs;
            output.WriteLine(string.Create(c, $"{op.Name,-14} {op.Count,9} {op.Ok,9} {op.Rejections,9} {op.Errors,7} {op.RatePerSecond,9:F1} {l.P50,8:F2} {l.P95,8:F2} {l.P99,8:F2} {l.Max,9:F2}"));
        }

        if (report.Errors.Count > 0)
        {
            output.WriteLine("errors by code:     " + string.Join(", ", report.Errors.Select(e => $"{e.Key}={e.Value}")));
        }

        if (report.Rejections.Count > 0)
        {
            output.WriteLine("rejections (expected): " + string.Join(", ", report.Rejections.Select(e => $"{e.Key}={e.Value}")));
        }

        if (report.Figures.Count > 0)
        {
            output.WriteLine("figures:            " + string.Join(", ", report.Figures.Select(f => string.Create(c, $"{f.Key}={f.Value:0.###}"))));
        }

        if (report.Counters.Count > 0)
        {
            output.WriteLine("counters:           " + string.Join(", ", report.Counters.Select(f => $"{f.Key}={f.Value}")));
        }

        if (report.Postgres is { } pg)
        {
            output.WriteLine(string.Create(c, $"postgres:           per {pg.Per}: {pg.TransactionsPerUnit:0.###} transactions, {pg.RowsWrittenPerUnit:0.###} rows written, {pg.WalBytesPerUnit:0} WAL bytes, {pg.DatabaseGrowthBytesPerUnit:0} bytes of growth ({pg.Transactions} transactions, {pg.RowsInserted}/{pg.RowsUpdated}/{pg.RowsDeleted} rows inserted/updated/deleted, {pg.WalBytes} WAL bytes over {pg.Units} {pg.Per}s)"));
        }

        if (report.Invariants is { } inv)
        {
            output.WriteLine(inv.Passed
                ? $"invariants:         OK ({string.Join(", ", inv.Figures.Select(f => $"{f.Key}={f.Value}"))})"
                : $"INVARIANTS VIOLATED ({inv.Violations.Count}):");
            foreach (var violation in inv.Violations.Take(20))
            {
                output.WriteLine($"  !! {violation}");
            }
        }

        foreach (var t in report.Thresholds)
        {
            output.WriteLine(string.Create(c, $"threshold {(t.Passed ? "ok  " : "FAIL")} {t.Expression} (actual {t.Actual}{(t.Problem is null ? "" : "; " + t.Problem)})"));
        }

        if (report.Failure is not null)
        {
            output.WriteLine($"run failed: {report.Failure}");
        }

        output.WriteLine($"verdict: {report.Verdict} (exit code {report.ExitCode})");
    }
}
