namespace Tiketi.LoadTest.Reporting;

/// <summary>The result file of one run (JSON, camelCase): what ran, what it measured, and the verdict.</summary>
public sealed class RunReport
{
    public string Tool { get; init; } = "tiketi-loadtest";

    public required string Scenario { get; init; }

    public required string Target { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; set; }

    public Dictionary<string, string> Parameters { get; init; } = [];

    public MachineInfo Machine { get; init; } = MachineInfo.Current();

    public OperationReport Overall { get; set; } = OperationReport.Empty("all");

    public List<OperationReport> Operations { get; set; } = [];

    /// <summary>Failures that are errors, by code, over every operation.</summary>
    public SortedDictionary<string, long> Errors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Expected answers of a rush (seat taken, sold out), by code: not errors.</summary>
    public SortedDictionary<string, long> Rejections { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> Counters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Scenario figures: holds/s, paid orders/s, seats sold, delivery latency, ...</summary>
    public SortedDictionary<string, double> Figures { get; set; } = new(StringComparer.Ordinal);

    public List<ThresholdResult> Thresholds { get; set; } = [];

    public InvariantReport? Invariants { get; set; }

    /// <summary>What the run cost PostgreSQL (transactions, rows, bytes), when the target's database was given (<c>--postgres</c>).</summary>
    public Measuring.PostgresCostReport? Postgres { get; set; }

    /// <summary>Why the run did not complete, when it did not (could not connect, timed out, crashed).</summary>
    public string? Failure { get; set; }

    public string Verdict { get; set; } = "";

    public int ExitCode { get; set; }

    public OperationReport? Operation(string name) =>
        name == "all" ? Overall : Operations.FirstOrDefault(o => o.Name == name);
}

public sealed record LatencyMs(double P50, double P90, double P95, double P99, double P999, double Max, double Mean);

public sealed record OperationReport(
    string Name, long Count, long Ok, long Errors, long Rejections,
    double RatePerSecond, double ActiveSeconds, LatencyMs LatencyMs, SortedDictionary<string, long> Outcomes,
    double PeakPerSecond = 0, double SustainedPerSecond = 0, long[]? OkPerSecond = null)
{
    public static OperationReport Empty(string name) =>
        new(name, 0, 0, 0, 0, 0, 0, new LatencyMs(0, 0, 0, 0, 0, 0, 0), new(StringComparer.Ordinal));

    /// <summary>Errors as a share of requests, in percent.</summary>
    public double ErrorPercent => Count == 0 ? 0 : 100.0 * Errors / Count;
}

public sealed record ThresholdResult(string Expression, double Actual, bool Passed, string? Problem = null);

public sealed record InvariantReport(bool Checked, IReadOnlyList<string> Violations, IReadOnlyDictionary<string, long> Figures)
{
    public bool Passed => Checked && Violations.Count == 0;
}

public sealed record MachineInfo(int Cores, string Os, string Runtime, double MemoryGiB)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1));
}
