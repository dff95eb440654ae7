using Tiketi.LoadTest.Cli;

namespace Tiketi.LoadTest.Scenarios.Fanout;

/// <summary>K SignalR connections watch one event while seats change: how long until every connection hears of a change.</summary>
public sealed class FanoutScenario : IScenario
{
    public string Name => "fanout";

    public static FanoutScenario Create(CommandLine line) => throw new UsageException("fanout is not built yet.");

    public string Status() => "";

    public Task RunAsync(ScenarioContext context) => Task.CompletedTask;
}
