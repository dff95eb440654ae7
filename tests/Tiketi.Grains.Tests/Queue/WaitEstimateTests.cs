using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>The wait a queued buyer is shown stays honest when the cap on shoppers at once is full.</summary>
public sealed class WaitEstimateTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 3, 11, 0, 0, TimeSpan.Zero);
    private static readonly QueueSettings Settings = new(AdmissionsPerSecond: 20, MaxActiveShoppers: 100, PassLifetime: TimeSpan.FromMinutes(10), IdleTimeout: TimeSpan.FromMinutes(2));

    [Fact]
    public void For_CapNotFull_AheadOverTheConfiguredRate()
    {
        var estimate = new WaitEstimate();

        Assert.Equal(TimeSpan.FromSeconds(50), estimate.For(1_000, Settings, active: 99, Now));
    }

    [Fact]
    public void For_CapFull_UsesTheRateAdmissionsReallyRanAt()
    {
        var estimate = new WaitEstimate();
        for (var s = 0; s < 60; s++)
        {
            estimate.Record(Now.AddSeconds(-59 + s), 2); // shoppers leave, two a second get in
        }

        Assert.Equal(TimeSpan.FromSeconds(500), estimate.For(1_000, Settings, active: 100, Now));
    }

    [Fact]
    public void For_CapFullAndNothingSeenYet_NoFasterThanPassesRunOut()
    {
        var estimate = new WaitEstimate();

        // 100 passes of 10 minutes each free at least 100 places per 600 s.
        Assert.Equal(TimeSpan.FromSeconds(6_000), estimate.For(1_000, Settings, active: 100, Now));
    }

    [Fact]
    public void ObservedRate_ForgetsAdmissionsOlderThanAMinute()
    {
        var estimate = new WaitEstimate();
        estimate.Record(Now.AddSeconds(-120), 600);
        estimate.Record(Now.AddSeconds(-10), 30);

        Assert.Equal(0.5, estimate.ObservedRate(Now));
    }
}
