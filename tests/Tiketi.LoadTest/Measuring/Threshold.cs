using System.Globalization;
using System.Text.RegularExpressions;
using Tiketi.LoadTest.Reporting;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// A pass/fail criterion in the spirit of k6: <c>[operation.]metric op value[unit]</c>. Metrics are
/// latency percentiles (<c>p50 p90 p95 p99 p99.9 max mean</c>, also written <c>p(95)</c>; units
/// <c>us ms s</c>, ms when none), <c>errors</c> (a share with <c>%</c>, else a count) and <c>rate</c>
/// (successful requests per second while the operation was active). Without an operation the metric
/// is over every request. Examples: <c>p95&lt;500ms</c>, <c>errors&lt;1%</c>, <c>hold.p99&lt;=50ms</c>,
/// <c>checkout.rate&gt;2000</c>. The pseudo-operation <c>postgres</c> (with <c>--postgres</c>) has the
/// metrics <c>transactions</c>, <c>rows</c> and <c>bytes</c> (WAL), each per paid order in a rush (per join
/// in a queue flood): <c>postgres.transactions&lt;=3</c>.
/// </summary>
public sealed partial record Threshold(string Expression, string Operation, string Metric, string Comparison, double Limit, bool Percent)
{
    public static Threshold Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var match = Pattern().Match(expression.Replace(" ", "", StringComparison.Ordinal));
        if (!match.Success)
        {
            throw new FormatException($"Threshold '{expression}' is not of the form [operation.]metric<value, e.g. p95<500ms, errors<1%, hold.p99<50ms.");
        }

        var operation = match.Groups["op"].Success ? match.Groups["op"].Value : "all";
        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        metric = PercentileForm().Replace(metric, "p$1");
        metric = metric switch { "avg" => "mean", "p999" => "p99.9", "error" or "error_rate" => "errors", _ => metric };
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var isLatency = metric is "max" or "mean" || metric.StartsWith('p');
        if (metric is "transactions" or "rows" or "bytes" && operation != PostgresOperation)
        {
            throw new FormatException($"Threshold '{expression}': '{metric}' is a metric of '{PostgresOperation}', e.g. {PostgresOperation}.transactions<=3.");
        }

        if (operation == PostgresOperation)
        {
            return metric is "transactions" or "rows" or "bytes" && unit is ""
                ? new Threshold(expression, operation, metric, match.Groups["cmp"].Value, value, false)
                : throw new FormatException($"Threshold '{expression}': '{PostgresOperation}' has the metrics transactions, rows and bytes (per paid order or join), without a unit.");
        }

        if (!isLatency && metric is not ("errors" or "rate"))
        {
            throw new FormatException($"Threshold '{expression}': unknown metric '{metric}' (use p50, p90, p95, p99, p99.9, max, mean, errors, rate).");
        }

        if (isLatency && metric.StartsWith('p') && metric is not ("p50" or "p90" or "p95" or "p99" or "p99.9"))
        {
            throw new FormatException($"Threshold '{expression}': percentiles are p50, p90, p95, p99 and p99.9.");
        }

        var limit = (isLatency, unit) switch
        {
            (true, "" or "ms") => value,
            (true, "s") => value * 1000,
            (true, "us" or "µs") => value / 1000,
            (false, "" or "%" or "/s") => value,
            _ => throw new FormatException($"Threshold '{expression}': unit '{unit}' does not fit metric '{metric}'."),
        };
        return new Threshold(expression, operation, metric, match.Groups["cmp"].Value, limit, unit == "%");
    }

    /// <summary>The pseudo-operation whose metrics are PostgreSQL's costs (see <see cref="PostgresCost"/>).</summary>
    public const string PostgresOperation = "postgres";

    public ThresholdResult Evaluate(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Operation == PostgresOperation)
        {
            return EvaluatePostgres(report.Postgres);
        }

        var op = report.Operation(Operation);
        if (op is null)
        {
            return new ThresholdResult(Expression, double.NaN, false, $"no operation '{Operation}' in this run");
        }

        var actual = Metric switch
        {
            "p50" => op.LatencyMs.P50,
            "p90" => op.LatencyMs.P90,
            "p95" => op.LatencyMs.P95,
            "p99" => op.LatencyMs.P99,
            "p99.9" => op.LatencyMs.P999,
            "max" => op.LatencyMs.Max,
            "mean" => op.LatencyMs.Mean,
            "errors" => Percent ? op.ErrorPercent : op.Errors,
            "rate" => op.RatePerSecond,
            _ => double.NaN,
        };
        return new ThresholdResult(Expression, Math.Round(actual, 3), Compare(actual));
    }

    private ThresholdResult EvaluatePostgres(PostgresCostReport? cost)
    {
        if (cost is null)
        {
            return new ThresholdResult(Expression, double.NaN, false, "no PostgreSQL figures: give --postgres (and a target that uses it)");
        }

        var actual = Metric switch
        {
            "transactions" => cost.TransactionsPerUnit,
            "rows" => cost.RowsWrittenPerUnit,
            _ => cost.WalBytesPerUnit,
        };
        return new ThresholdResult(Expression, Math.Round(actual, 3), Compare(actual));
    }

    private bool Compare(double actual) => Comparison switch
    {
        "<" => actual < Limit,
        "<=" => actual <= Limit,
        ">" => actual > Limit,
        ">=" => actual >= Limit,
        _ => false,
    };

    [GeneratedRegex(@"^(?:(?<op>[A-Za-z][A-Za-z0-9_-]*)\.)?(?<metric>p\(\d+(?:\.\d+)?\)|p\d+(?:\.\d+)?|max|mean|avg|errors?|error_rate|rate|transactions|rows|bytes)(?<cmp><=|>=|<|>)(?<value>\d+(?:\.\d+)?)(?<unit>ms|s|us|µs|%|/s)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^p\((\d+(?:\.\d+)?)\)$")]
    private static partial Regex PercentileForm();
}
