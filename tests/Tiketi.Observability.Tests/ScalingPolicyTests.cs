using Tiketi.Scaling;

namespace Tiketi.Observability.Tests;

public sealed class ScalingPolicyTests
{
    private static readonly QueueScalingPolicy Policy = QueueScalingPolicy.Default;
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5_000, 0)]
    [InlineData(5_001, 2)]
    [InlineData(19_999, 2)]
    [InlineData(20_000, 5)]
    [InlineData(300_000, 5)]
    public void ScaleOutAdjustment_FollowsTheSteps(long queue, int add) =>
        Assert.Equal(add, Policy.ScaleOutAdjustment(queue));

    [Fact]
    public void Default_IsTheDocumentedPolicy()
    {
        Assert.Equal([new ScaleOutStep(5_000, 2), new ScaleOutStep(20_000, 5)], Policy.ScaleOutSteps);
        Assert.Equal(1_000, Policy.ScaleInBelow);
        Assert.Equal(1, Policy.ScaleInStep);
    }

    [Fact]
    public void Decide_LongQueue_AddsInstances()
    {
        var decision = Policy.Decide(Input(instances: 4, [30_000]));

        Assert.Equal(new ScalingDecision(9, 5, ScalingReason.QueueHigh), decision);
    }

    [Fact]
    public void Decide_WithinScaleOutCooldown_Waits()
    {
        var decision = Policy.Decide(Input(instances: 9, [30_000], lastOut: Now - TimeSpan.FromSeconds(60)));

        Assert.Equal(0, decision.Change);
    }

    [Fact]
    public void Decide_AtMaximum_StaysThere()
    {
        var decision = Policy.Decide(Input(instances: Policy.MaxInstances, [30_000]));

        Assert.Equal(new ScalingDecision(Policy.MaxInstances, 0, ScalingReason.None), decision);
    }

    [Fact]
    public void Decide_ShortQueueForLongEnough_RemovesOne()
    {
        var decision = Policy.Decide(Input(instances: 10, [900, 500, 0, 0, 0]));

        Assert.Equal(new ScalingDecision(9, -1, ScalingReason.QueueLow), decision);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 0, 0 })]
    [InlineData(new long[] { 0, 0, 1_000, 0, 0 })]
    public void Decide_ShortQueueNotLongEnough_KeepsCapacity(long[] history) =>
        Assert.Equal(0, Policy.Decide(Input(instances: 10, history)).Change);

    [Fact]
    public void Decide_ScaleInCooldown_CountsFromAnyChange()
    {
        var quiet = new long[] { 0, 0, 0, 0, 0 };

        Assert.Equal(0, Policy.Decide(Input(10, quiet, lastOut: Now - TimeSpan.FromMinutes(2))).Change);
        Assert.Equal(0, Policy.Decide(Input(10, quiet, lastIn: Now - TimeSpan.FromMinutes(2))).Change);
        Assert.Equal(-1, Policy.Decide(Input(10, quiet, lastIn: Now - Policy.ScaleInCooldown)).Change);
    }

    [Fact]
    public void Decide_NeverBelowMinimumOrPrewarmFloor()
    {
        var quiet = new long[] { 0, 0, 0, 0, 0 };

        Assert.Equal(0, Policy.Decide(Input(Policy.MinInstances, quiet)).Change);
        Assert.Equal(0, Policy.Decide(Input(8, quiet, floor: 8)).Change);
        Assert.Equal(new ScalingDecision(8, 6, ScalingReason.Prewarm), Policy.Decide(Input(2, quiet, floor: 8)));
    }

    [Fact]
    public void Floor_SaleOpeningSoon_PrewarmsFromExpectedDemand()
    {
        var sale = new UpcomingSale("big", Now, 300_000);

        // 300,000 buyers through in 5 minutes at 100 buyers/s per instance: 10 instances.
        Assert.Equal(10, Policy.PrewarmInstances(300_000));
        Assert.Equal(Policy.MinInstances, Policy.Floor([sale], Now - Policy.PrewarmLead - TimeSpan.FromSeconds(1)));
        Assert.Equal(10, Policy.Floor([sale], Now - Policy.PrewarmLead));
        Assert.Equal(10, Policy.Floor([sale], Now + TimeSpan.FromMinutes(5)));
        Assert.Equal(Policy.MinInstances, Policy.Floor([sale], Now + Policy.PrewarmHold));
        Assert.Equal(Policy.MinInstances, Policy.PrewarmInstances(1_000));
        Assert.Equal(Policy.MaxInstances, Policy.PrewarmInstances(50_000_000));
    }

    private static ScalingInput Input(int instances, long[] history, DateTimeOffset? lastOut = null, DateTimeOffset? lastIn = null, int floor = 0) =>
        new(Now, instances, history, lastOut, lastIn, floor);
}
