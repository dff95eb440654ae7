using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>A waiting buyer gone silent loses the place, and is told why on return.</summary>
public sealed class QueueSilenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public void DropSilent_PastTheLimit_FreesThePlaceAndMovesOthersUp()
    {
        var line = NewLine();
        JoinAt(line, T0, "silent", "polling", "behind");
        var later = T0 + Limit;
        line.Seen("polling", later - TimeSpan.FromSeconds(30));
        line.Seen("behind", later - TimeSpan.FromSeconds(1));

        Assert.Equal(1, line.DropSilent(later));

        Assert.Equal(new QueueStatus(QueueState.Dropped, 0, 0, TimeSpan.Zero, null, null, null, Reasons.QueueSilenceDropped, later), line.Status("silent", later));
        Assert.Equal(1, line.Status("polling", later).Position);
        Assert.Equal(2, line.Status("behind", later).Position);
        Assert.Equal(2, line.Waiting);
    }

    [Fact]
    public void DropSilent_JustUnderTheLimit_KeepsThePlace()
    {
        var line = NewLine();
        JoinAt(line, T0, "a");

        Assert.Equal(0, line.DropSilent(T0 + Limit - TimeSpan.FromSeconds(1)));

        Assert.Equal(QueueState.Waiting, line.Status("a", T0 + Limit).State);
    }

    [Fact]
    public void DropSilent_StatusReadsAtThePagesRate_NeverDrop()
    {
        var line = NewLine();
        JoinAt(line, T0, "a", "b");
        for (var at = T0; at < T0 + TimeSpan.FromMinutes(30); at += TimeSpan.FromSeconds(15))
        {
            line.Seen("a", at);
            line.Seen("b", at);
            Assert.Equal(0, line.DropSilent(at));
        }

        Assert.Equal(2, line.Waiting);
    }

    [Fact]
    public void Join_AfterBeingDropped_GoesToTheEndAndForgetsTheDrop()
    {
        var line = NewLine();
        JoinAt(line, T0, "silent", "other");
        line.Seen("other", T0 + Limit);
        line.DropSilent(T0 + Limit);

        var back = line.Join("silent", T0 + Limit + TimeSpan.FromSeconds(1));

        Assert.Equal((QueueState.Waiting, 2L), (back.Value!.State, back.Value.Position));
        var audit = line.Audit("ev", 0, 10);
        Assert.Equal([QueueOutcome.Dropped, QueueOutcome.Waiting, QueueOutcome.Waiting], audit.Order.Select(p => p.Outcome));
        Assert.Equal(1, audit.Dropped);
        Assert.Equal(2, line.FindPlace("silent")!.Sequence);
    }

    [Fact]
    public void DropSilent_AfterReactivation_RestartsEveryonesGrace()
    {
        var line = NewLine();
        JoinAt(line, T0, "a");

        // Last-seen is not stored: the reloaded line first marks everyone seen, then judges from there.
        var reloaded = Reloaded.FromRecords(line);
        Assert.Equal(0, reloaded.DropSilent(T0 + Limit + TimeSpan.FromMinutes(1)));
        Assert.Equal(0, reloaded.DropSilent(T0 + Limit + TimeSpan.FromMinutes(2)));
        Assert.Equal(1, reloaded.DropSilent(T0 + Limit + Limit + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void DropSilent_CalledOftenerThanTheSweepInterval_SweepsOnce()
    {
        var line = NewLine();
        JoinAt(line, T0, "a");
        Assert.Equal(0, line.DropSilent(T0));

        Assert.Equal(0, line.DropSilent(T0 + QueueLine.SweepInterval - TimeSpan.FromTicks(1)));
        Assert.Equal(1, line.DropSilent(T0 + Limit + QueueLine.SweepInterval));
    }

    [Fact]
    public void DropSilent_PreQueuedBuyer_IsJudgedFromTheirPlaceAfterTheDraw()
    {
        var line = NewLine();
        line.SetSchedule(new QueueSchedule(QueueMode.Lottery, T0.AddMinutes(-30), T0));
        JoinAt(line, T0.AddMinutes(-20), "gone", "here");

        line.Seen("here", T0.AddMinutes(-1));
        Assert.Equal(0, line.DropSilent(T0.AddMinutes(-1)));
        line.Admit(T0);

        Assert.Equal(1, line.DropSilent(T0.AddSeconds(10)));
        Assert.Equal(QueueState.Dropped, line.Status("gone", T0.AddSeconds(10)).State);
        Assert.Equal((QueueOutcome.Dropped, true), (line.FindPlace("gone")!.Outcome, line.FindPlace("gone")!.FromPreQueue));
    }

    [Theory]
    [InlineData(59)]
    [InlineData(7_201)]
    public void Configure_SilenceLimitOutOfRange_IsRefused(int seconds)
    {
        var line = NewLine();

        Assert.Throws<ArgumentOutOfRangeException>(() => line.Configure(QueueSettings.Default with { SilenceLimit = TimeSpan.FromSeconds(seconds) }));
    }

    [Fact]
    public void DefaultSilenceLimit_IsFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), QueueSettings.Default.EffectiveSilenceLimit);
    }

    private static QueueLine NewLine() =>
        new(QueueSettings.Default with { SilenceLimit = Limit });

    private static void JoinAt(QueueLine line, DateTimeOffset at, params string[] buyers)
    {
        foreach (var buyer in buyers)
        {
            Assert.True(line.Join(buyer, at).IsSuccess);
        }
    }
}
