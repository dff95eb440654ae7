using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Reporting;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios;

/// <summary>A load scenario; it reads its options when made, and fills the report's figures as it runs.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>The scenario's part of the live progress line.</summary>
    string Status();

    Task RunAsync(ScenarioContext context);
}

/// <summary>What a scenario runs with: the target, the measurements, the report, the run's deadline.</summary>
public sealed record ScenarioContext(
    ISaleTarget Target,
    Metrics Metrics,
    RunReport Report,
    LoadTestHooks Hooks,
    TextWriter Log,
    CancellationToken Cancellation);

/// <summary>Seams for tests: e.g. a state reader that reports a double-sold seat.</summary>
public sealed class LoadTestHooks
{
    public static LoadTestHooks None { get; } = new();

    public Func<Invariants.ISaleStateReader, Invariants.ISaleStateReader>? WrapStateReader { get; init; }

    /// <summary>Runs once the rush is over and audited, while the target is still up: e.g. to read the sale's audit report.</summary>
    public Func<ScenarioContext, string, Task>? AfterRush { get; init; }
}
