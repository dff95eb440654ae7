using Tiketi.Autoscaling.Simulator;
using Tiketi.Scaling;

namespace Tiketi.Observability.Tests;

public sealed class SimulatorTests
{
    private static readonly IReadOnlyList<SimulationResult> Default = Comparison.Run(Scenario.Default, QueueScalingPolicy.Default);

    private static SimulationResult Run(string strategy) => Default.Single(r => r.Strategy == strategy);

    [Fact]
    public void DefaultScenario_QueuePolicyReactsAndDrainsBeforeCpuTracking()
    {
        var cpu = Run("cpu");
        var queue = Run("queue");

        Assert.True(queue.FirstScaleOut < cpu.FirstScaleOut);
        Assert.True(queue.DrainedAfter < cpu.DrainedAfter);
        Assert.True(queue.LongestWait < cpu.LongestWait);
    }

    [Fact]
    public void DefaultScenario_PrewarmingCutsThePeakAndTheWait()
    {
        var queue = Run("queue");
        var prewarm = Run("queue+prewarm");

        Assert.True(prewarm.FirstScaleOut < TimeSpan.Zero, "pre-warming starts before the opening");
        Assert.True(prewarm.PeakQueue < queue.PeakQueue);
        Assert.True(prewarm.LongestWait < queue.LongestWait);
        Assert.True(prewarm.DrainedAfter < queue.DrainedAfter);
    }

    [Fact]
    public void DefaultScenario_EveryBuyerIsServedAndCapacityStaysInBounds()
    {
        var policy = QueueScalingPolicy.Default;
        foreach (var result in Default)
        {
            Assert.NotNull(result.DrainedAfter);
            Assert.Equal(0, result.Samples[^1].Queue);
            Assert.All(result.Samples, s => Assert.InRange(s.InService + s.Booting, policy.MinInstances, policy.MaxInstances));
        }
    }

    [Fact]
    public void CommittedChartAndSeries_AreWhatTheSimulatorProducesNow()
    {
        // If this fails, the policy or the simulator changed: run
        //   dotnet run --project tests/Tiketi.Autoscaling.Simulator -- --out docs/autoscaling
        // and update docs/autoscaling.md with what the new chart shows.
        Assert.Equal(Report.Csv(Default), Repo.Read("docs", "autoscaling", "autoscaling-default.csv"));
        Assert.Equal(Report.Svg(Scenario.Default, Default), Repo.Read("docs", "autoscaling", "autoscaling-default.svg"));
    }
}
