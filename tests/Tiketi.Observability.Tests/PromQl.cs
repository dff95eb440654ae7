using System.Text.RegularExpressions;

namespace Tiketi.Observability.Tests;

/// <summary>Finds the metric names a PromQL expression reads (not functions, keywords, label names or durations).</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
    [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    ];

    public static IReadOnlySet<string> MetricNames(string expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var text = Strings().Replace(expr, "\"\"");
        text = Matchers().Replace(text, "{}");
        text = Ranges().Replace(text, "[]");
        text = Grouping().Replace(text, " ");
        text = Variables().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Identifier().Matches(text))
        {
            var name = m.Groups["name"].Value;
            if (!m.Groups["call"].Success && !Keywords.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}

public sealed class PromQlTests
{
    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{endpoint!=\"/metrics\"}[5m])))", "http_request_duration_seconds_bucket")]
    [InlineData("max(sum by (event_id) (tiketi_queue_size)) > 5000", "tiketi_queue_size")]
    [InlineData("count(up{job=\"tiketi-silo\"} == 1)", "up")]
    [InlineData("sum(rate(a_total{x=~\"$event\"}[$__rate_interval])) / sum(rate(b_total[5m]))", "a_total,b_total")]
    public void MetricNames_FindsOnlyMetrics(string expr, string expected) =>
        Assert.Equal(expected.Split(',').Order(), PromQl.MetricNames(expr).Order());
}
