using System.Text.Json;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Reporting;
using Tiketi.LoadTest.Scenarios;

namespace Tiketi.LoadTest.Tests;

/// <summary>
/// The CI rush: a silo in the test process, a real rush through the grains, thresholds and the audit.
/// The sale clock runs 10x fast so one-minute holds of buyers who walk away expire within the test.
/// </summary>
[Collection(InProcessRuns.Name)]
public sealed class RushInProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tiketi-loadtest-").FullName;

    [Fact]
    public async Task Rush_2000SeatsFor10000BuyersInProcess_SellsOutWithinThresholdsAndKeepsEveryInvariant()
    {
        var file = Path.Combine(_folder, "rush.json");
        var output = new StringWriter();

        var code = await LoadTestApp.RunAsync(
            ["rush", "--target", "inproc", "--seats", "2000", "--buyers", "10000", "--time-scale", "10", "--idle-timeout", "10m",
             "--abandon", "0.05", "--concurrency", "64", "--duration-limit", "150s",
             "--threshold", "errors<1%", "--threshold", "p95<3000ms", "--threshold", "hold.p99<5000ms", "--out", file],
            output, TextWriter.Null);

        var report = JsonSerializer.Deserialize<RunReport>(await File.ReadAllTextAsync(file), LoadTestApp.Json)!;
        Assert.True(code == ExitCodes.Passed, output.ToString());
        Assert.True(report.Invariants!.Passed);
        Assert.Equal(2000, report.Invariants.Figures["unitsSold"]);
        Assert.Equal(2000, report.Invariants.Figures["ticketsInPaidOrders"]);
        Assert.Equal(10_000, report.Operations.Single(o => o.Name == "join").Ok);
        Assert.All(report.Thresholds, t => Assert.True(t.Passed, t.Expression));
    }

    [Fact]
    public async Task Rush_StateReaderReportsADoubleSoldSeat_FailsLoudlyWithTheInvariantExitCode()
    {
        var file = Path.Combine(_folder, "broken.json");
        var output = new StringWriter();
        var hooks = new LoadTestHooks { WrapStateReader = real => new DoubleSellingReader(real) };

        var code = await LoadTestApp.RunAsync(
            ["rush", "--target", "inproc", "--seats", "200", "--buyers", "300", "--abandon", "0", "--threshold", "errors<1%", "--out", file],
            output, TextWriter.Null, hooks);

        Assert.Equal(ExitCodes.InvariantViolated, code);
        Assert.Contains("INVARIANT VIOLATED", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("sold twice", output.ToString(), StringComparison.Ordinal);
        var report = JsonSerializer.Deserialize<RunReport>(await File.ReadAllTextAsync(file), LoadTestApp.Json)!;
        Assert.False(report.Invariants!.Passed);
        Assert.Equal(ExitCodes.InvariantViolated, report.ExitCode);
    }

    [Fact]
    public async Task Block_CallersHoldConfirmAndReturnOnOneBlock_EndsWithOnlyThePrefillSoldAndBatchedRecords()
    {
        var file = Path.Combine(_folder, "block.json");
        var output = new StringWriter();

        var code = await LoadTestApp.RunAsync(
            ["block", "--target", "inproc", "--seats", "200", "--seats-per-row", "20", "--callers", "16", "--prefill", "0.3",
             "--warm-up", "0s", "--duration", "2s", "--threshold", "errors<1", "--out", file],
            output, TextWriter.Null);

        var report = JsonSerializer.Deserialize<RunReport>(await File.ReadAllTextAsync(file), LoadTestApp.Json)!;
        Assert.True(code == ExitCodes.Passed, output.ToString());
        Assert.True(report.Invariants!.Passed);
        Assert.Equal(60, report.Invariants.Figures["unitsSold"]);
        var cycles = report.Operations.Single(o => o.Name == "return").Ok;
        Assert.True(cycles > 0);
        Assert.Equal(cycles, report.Operations.Single(o => o.Name == "confirm").Ok);
        Assert.InRange(report.Figures["journalRecords"], 1, (3 * cycles) + 61);
    }

    [Fact]
    public async Task Block_MoreCallerSeatsThanLeftAfterPrefill_IsAUsageError()
    {
        var output = new StringWriter();

        var code = await LoadTestApp.RunAsync(["block", "--seats", "100", "--prefill", "0.5", "--callers", "30", "--quantity", "2"], output, TextWriter.Null);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("at most the seats left after --prefill", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessRuns
{
    public const string Name = "in-process runs";
}
