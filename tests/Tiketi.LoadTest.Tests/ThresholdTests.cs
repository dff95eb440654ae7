using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Reporting;

namespace Tiketi.LoadTest.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p95<500ms", "all", "p95", "<", 500)]
    [InlineData("p(95) < 0.5s", "all", "p95", "<", 500)]
    [InlineData("hold.p99<=50", "hold", "p99", "<=", 50)]
    [InlineData("p99.9<250us", "all", "p99.9", "<", 0.25)]
    [InlineData("errors<1%", "all", "errors", "<", 1)]
    [InlineData("checkout.rate>2000", "checkout", "rate", ">", 2000)]
    [InlineData("max<2s", "all", "max", "<", 2000)]
    public void Parse_K6LikeExpressions_ReadsOperationMetricAndLimit(string text, string operation, string metric, string comparison, double limit)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal(operation, threshold.Operation);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(comparison, threshold.Comparison);
        Assert.Equal(limit, threshold.Limit, 6);
    }

    [Theory]
    [InlineData("p95")]
    [InlineData("p42<5ms")]
    [InlineData("errors<5ms")]
    [InlineData("latency<5ms")]
    public void Parse_Nonsense_Throws(string text) => Assert.Throws<FormatException>(() => Threshold.Parse(text));

    [Fact]
    public void Evaluate_AgainstReport_ComparesTheNamedOperation()
    {
        var report = Report();

        Assert.True(Threshold.Parse("p95<500ms").Evaluate(report).Passed);
        Assert.False(Threshold.Parse("hold.p99<50ms").Evaluate(report).Passed);
        Assert.Equal(80, Threshold.Parse("hold.p99<50ms").Evaluate(report).Actual);
        Assert.False(Threshold.Parse("errors<1%").Evaluate(report).Passed);
        Assert.True(Threshold.Parse("errors<=3").Evaluate(report).Passed);
        Assert.True(Threshold.Parse("hold.rate>=1000").Evaluate(report).Passed);
    }

    [Theory]
    [InlineData("postgres.transactions<=3", "transactions", 3)]
    [InlineData("postgres.bytes<2048", "bytes", 2048)]
    [InlineData("postgres.rows<10", "rows", 10)]
    public void Parse_PostgresCosts_ReadsMetricAndLimit(string text, string metric, double limit)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal(Threshold.PostgresOperation, threshold.Operation);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(limit, threshold.Limit);
    }

    [Theory]
    [InlineData("hold.transactions<3")]
    [InlineData("postgres.p95<5ms")]
    [InlineData("postgres.transactions<3%")]
    public void Parse_PostgresMetricsElsewhere_Throws(string text) => Assert.Throws<FormatException>(() => Threshold.Parse(text));

    [Fact]
    public void Evaluate_PostgresCosts_ComparesPerPaidOrder()
    {
        var report = Report();
        var before = new PostgresCounters(100, 10, 10, 0, 1_000_000, 5_000_000);
        var after = new PostgresCounters(400, 110, 60, 0, 1_100_000, 5_400_000);
        report.Operations.Add(new OperationReport("checkout", 100, 100, 0, 0, 50, 2, new LatencyMs(1, 1, 1, 1, 1, 1, 1), new()));
        report.Postgres = PostgresCost.Report(before, after, report);

        Assert.Equal("paid order", report.Postgres.Per);
        Assert.True(Threshold.Parse("postgres.transactions<=3").Evaluate(report).Passed);
        Assert.False(Threshold.Parse("postgres.transactions<3").Evaluate(report).Passed);
        Assert.Equal(1.5, Threshold.Parse("postgres.rows<2").Evaluate(report).Actual);
        Assert.Equal(4000, Threshold.Parse("postgres.bytes<2048").Evaluate(report).Actual);
    }

    [Fact]
    public void Evaluate_PostgresWithoutFigures_FailsWithAReason()
    {
        var result = Threshold.Parse("postgres.transactions<=3").Evaluate(Report());

        Assert.False(result.Passed);
        Assert.Contains("--postgres", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnknownOperation_FailsWithAReason()
    {
        var result = Threshold.Parse("refund.p95<5ms").Evaluate(Report());

        Assert.False(result.Passed);
        Assert.NotNull(result.Problem);
    }

    private static RunReport Report()
    {
        var latency = new LatencyMs(5, 20, 40, 80, 90, 100, 10);
        return new RunReport
        {
            Scenario = "rush",
            Target = "inproc",
            Overall = new OperationReport("all", 200, 197, 3, 0, 1000, 1, latency, new()),
            Operations = [new OperationReport("hold", 100, 100, 0, 0, 1500, 1, latency, new())],
        };
    }
}
