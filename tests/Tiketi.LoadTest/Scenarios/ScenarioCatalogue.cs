using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Scenarios.Block;
using Tiketi.LoadTest.Scenarios.Fanout;
using Tiketi.LoadTest.Scenarios.Queue;
using Tiketi.LoadTest.Scenarios.Rush;
using Tiketi.LoadTest.Scenarios.SeatMap;

namespace Tiketi.LoadTest.Scenarios;

/// <summary>The scenarios by name.</summary>
public static class ScenarioCatalogue
{
    public static IScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Scenario switch
        {
            "rush" => RushScenario.Create(line),
            "queue-flood" => QueueFloodScenario.Create(line),
            "seatmap-read" => SeatMapReadScenario.Create(line),
            "fanout" => FanoutScenario.Create(line),
            "block" => BlockScenario.Create(line),
            _ => throw new UsageException($"Unknown scenario '{line.Scenario}'."),
        };
    }
}
