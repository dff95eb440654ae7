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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessRuns
{
    public const string Name = "in-process runs";
}
