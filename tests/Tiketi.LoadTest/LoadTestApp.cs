using System.Text.Json;
using System.Text.Json.Serialization;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Reporting;
using Tiketi.LoadTest.Scenarios;

namespace Tiketi.LoadTest;

/// <summary>
/// One run: parse, connect, run the scenario under a deadline with a live progress line, then report:
/// summary, thresholds, invariants, the JSON result file, and an exit code that says which of them failed.
/// </summary>
public static class LoadTestApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress, LoadTestHooks? hooks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        IScenario scenario;
        TargetOptions target;
        List<Threshold> thresholds;
        string? outFile;
        TimeSpan limit, progressInterval;
        try
        {
            var line = CommandLine.Parse(args);
            scenario = ScenarioCatalogue.Create(line);
            target = TargetOptions.Read(line);
            thresholds = [.. line.All("threshold").Select(ParseThreshold)];
            outFile = line.Text("out");
            limit = line.Duration("duration-limit", TimeSpan.FromMinutes(20));
            progressInterval = line.Duration("progress-interval", TimeSpan.FromSeconds(1));
            line.RejectUnknown();
        }
        catch (UsageException usage)
        {
            await output.WriteLineAsync($"usage: {usage.Message}");
            await output.WriteLineAsync(Usage.Text);
            return ExitCodes.Usage;
        }

        PostgresCounters? costBefore = null, costAfter = null;
        var report = new RunReport { Scenario = scenario.Name, Target = target.Kind, StartedAt = DateTimeOffset.UtcNow };
        var metrics = new Metrics();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await output.WriteLineAsync($"{scenario.Name}: connecting to {target.Kind}");
            await using var sale = await target.ConnectAsync(deadline.Token);
            var cost = target.Postgres is { } database ? new PostgresCost(database) : null;
            costBefore = cost is null ? null : await cost.SnapshotAsync(deadline.Token);
            var rewrite = ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected;
            await using (new ProgressReporter(metrics, progress, scenario.Status, progressInterval, rewrite))
            {
                await scenario.RunAsync(new ScenarioContext(sale, metrics, report, hooks ?? LoadTestHooks.None, output, deadline.Token));
            }

            costAfter = cost is null ? null : await cost.SnapshotAsync(deadline.Token);
            CountRetries(sale, metrics);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            report.Failure = cancellationToken.IsCancellationRequested ? "cancelled" : $"did not finish within --duration-limit {limit}";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            report.Failure = $"{exception.GetType().Name}: {exception.Message}";
        }

        ReportBuilder.Fill(report, metrics);
        if (costBefore is not null && costAfter is not null)
        {
            report.Postgres = PostgresCost.Report(costBefore, costAfter, report);
        }

        report.Thresholds = [.. thresholds.Select(t => t.Evaluate(report))];
        (report.ExitCode, report.Verdict) = Verdict(report);
        SummaryPrinter.Print(report, output);
        if (outFile is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
            Directory.CreateDirectory(folder!);
            await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(report, Json) + "\n", CancellationToken.None);
            await output.WriteLineAsync($"result: {outFile}");
        }

        return report.ExitCode;
    }

    /// <summary>A broken invariant outranks everything: it is a bug, whatever else happened.</summary>
    public static (int ExitCode, string Verdict) Verdict(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Invariants is { Passed: false })
        {
            return (ExitCodes.InvariantViolated, "INVARIANT VIOLATED");
        }

        if (report.Failure is not null)
        {
            return (ExitCodes.RunFailed, "RUN FAILED");
        }

        return report.Thresholds.Any(t => !t.Passed)
            ? (ExitCodes.ThresholdFailed, "THRESHOLD FAILED")
            : (ExitCodes.Passed, "PASSED");
    }

    /// <summary>What the clients did to hide faults: retried grain calls (silo target), buyers moved to another API host (http).</summary>
    private static void CountRetries(Targets.ISaleTarget sale, Metrics metrics)
    {
        var retries = sale switch
        {
            Targets.Orleans.OrleansSaleTarget orleans => orleans.Retries,
            Targets.Http.HttpSaleTarget http => http.Retries,
            _ => null,
        };
        if (retries is not null)
        {
            metrics.Count("client.retries", retries.Retries);
            metrics.Count("client.recovered", retries.Recovered);
            metrics.Count("client.exhausted", retries.Exhausted);
        }

        if (sale is Targets.Http.HttpSaleTarget web)
        {
            metrics.Count("http.failovers", web.Failovers);
        }
    }

    private static Threshold ParseThreshold(string text)
    {
        try
        {
            return Threshold.Parse(text);
        }
        catch (FormatException format)
        {
            throw new UsageException(format.Message);
        }
    }
}
