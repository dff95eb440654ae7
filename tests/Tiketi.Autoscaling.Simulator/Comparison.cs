using Tiketi.Scaling;

namespace Tiketi.Autoscaling.Simulator;

/// <summary>The three strategies of the report, side by side on one scenario.</summary>
public static class Comparison
{
    public static IReadOnlyList<SimulationResult> Run(Scenario scenario, QueueScalingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var matched = policy with { BuyersPerInstancePerSecond = scenario.BuyersPerInstancePerSecond };
        return
        [
            Simulation.Run(scenario, new CpuTargetTrackingStrategy(matched.MinInstances, matched.MaxInstances)),
            Simulation.Run(scenario, new QueuePolicyStrategy(matched, expectedBuyers: null)),
            Simulation.Run(scenario, new QueuePolicyStrategy(matched, expectedBuyers: scenario.Buyers)),
        ];
    }
}
