using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>The pre-queue lottery in the queue's rules: who waits where before, at and after the opening.</summary>
public sealed class QueuePreQueueTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 1, 20, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset PreQueueOpens = Opens.AddMinutes(-30);

    [Fact]
    public void Join_BeforeThePreQueueOpens_IsRefusedSayingWhen()
    {
        var line = Lottery(seed: 1);

        var early = line.Join("a", PreQueueOpens.AddSeconds(-1));

        Assert.False(early.IsSuccess);
        Assert.Equal(Reasons.PreQueueNotOpen, early.Code);
        Assert.Contains(PreQueueOpens.ToString("O"), early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_InThePreQueueWindow_WaitsForTheDrawWithNoPosition()
    {
        var line = Lottery(seed: 1);

        var joined = line.Join("a", PreQueueOpens.AddMinutes(1));
        var again = line.Join("a", PreQueueOpens.AddMinutes(2));

        Assert.Equal(new QueueStatus(QueueState.PreQueue, 0, 0, TimeSpan.Zero, null, null, Opens), joined.Value);
        Assert.Equal(joined.Value, again.Value);
        Assert.Equal(1, line.PreQueued);
        Assert.Equal(0, line.Waiting);
    }

    [Fact]
    public void Admit_AtTheOpening_PlacesThePreQueueInTheSeededOrder()
    {
        var buyers = Enumerable.Range(0, 50).Select(i => $"buyer-{i}").ToArray();
        var line = Lottery(seed: 12_345);
        JoinAt(line, PreQueueOpens.AddMinutes(1), buyers);

        line.Admit(Opens);

        var expected = QueueShuffle.Order(buyers, 12_345);
        Assert.Equal(expected, buyers.OrderBy(b => line.Status(b, Opens).Position).ToArray());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), buyers.Select(b => line.Status(b, Opens).Position).Order());
        var audit = line.Audit("ev", 0, 100);
        Assert.Equal((12_345UL, Opens, 50L), (audit.ShuffleSeed!.Value, audit.ShuffledAt!.Value, audit.PreQueued));
        Assert.True(audit.Lottery);
    }

    [Fact]
    public void Admit_AtTheOpening_ArrivalOrderBeforeItHasNoEffect()
    {
        var buyers = Enumerable.Range(0, 40).Select(i => $"buyer-{i}").ToArray();
        var inOrder = Lottery(seed: 777);
        var reversed = Lottery(seed: 777);
        var refreshing = Lottery(seed: 777);
        JoinAt(inOrder, PreQueueOpens.AddMinutes(1), buyers);
        JoinAt(reversed, PreQueueOpens.AddMinutes(1), [.. buyers.Reverse()]);

        // Arriving first, leaving and coming back, joining again and again: none of it moves a place.
        JoinAt(refreshing, PreQueueOpens, [.. buyers.Skip(20)]);
        refreshing.Leave("buyer-25");
        JoinAt(refreshing, PreQueueOpens.AddMinutes(29), [.. buyers.Take(20), "buyer-25", .. buyers.Skip(20)]);

        foreach (var line in new[] { inOrder, reversed, refreshing })
        {
            line.Admit(Opens.AddSeconds(3));
        }

        string[] OrderOf(QueueLine line) => [.. buyers.OrderBy(b => line.Status(b, Opens.AddSeconds(3)).Position)];
        Assert.Equal(OrderOf(inOrder), OrderOf(reversed));
        Assert.Equal(OrderOf(inOrder), OrderOf(refreshing));
    }

    [Fact]
    public void Join_AfterTheOpening_JoinsBehindThePreQueueInArrivalOrder()
    {
        var line = Lottery(seed: 5);
        JoinAt(line, PreQueueOpens.AddMinutes(5), "early-1", "early-2", "early-3");

        JoinAt(line, Opens, "late-1");
        JoinAt(line, Opens.AddSeconds(1), "late-2");
        JoinAt(line, Opens.AddSeconds(2), "late-3");

        Assert.Equal([4L, 5L, 6L], new[] { "late-1", "late-2", "late-3" }.Select(b => line.Status(b, Opens.AddSeconds(2)).Position));
        Assert.All(new[] { "early-1", "early-2", "early-3" }, b => Assert.InRange(line.Status(b, Opens.AddSeconds(2)).Position, 1, 3));
        var audit = line.Audit("ev", 0, 10);
        Assert.Equal([true, true, true, false, false, false], audit.Order.Select(p => p.FromPreQueue));
        Assert.Equal(PreQueueOpens.AddMinutes(5), audit.Order[0].ArrivedAt);
        Assert.Equal(Opens.AddSeconds(2), audit.Order[5].ArrivedAt);
    }

    [Fact]
    public void Admit_AtTheOpening_AdmitsFromTheDrawnOrder()
    {
        var line = Lottery(seed: 9, rate: 2);
        JoinAt(line, PreQueueOpens.AddMinutes(1), "a", "b", "c", "d");
        line.Admit(Opens);

        var admitted = line.Admit(Opens.AddSeconds(1));

        Assert.Equal(QueueShuffle.Order(["a", "b", "c", "d"], 9).Take(2), admitted);
        var audit = line.Audit("ev", 0, 10);
        Assert.Equal(2, audit.Admitted);
        Assert.Equal([Opens.AddSeconds(1), Opens.AddSeconds(1)], audit.Order.Take(2).Select(p => p.AdmittedAt!.Value));
        Assert.Equal([QueueOutcome.Admitted, QueueOutcome.Admitted, QueueOutcome.Waiting, QueueOutcome.Waiting], audit.Order.Select(p => p.Outcome));
    }

    [Fact]
    public void Join_FifoEvent_QueuesBeforeTheOpeningInArrivalOrder()
    {
        var line = new QueueLine(drawSeed: () => 1);
        line.SetSchedule(new QueueSchedule(QueueMode.Fifo, PreQueueOpens, Opens));

        JoinAt(line, Opens.AddHours(-2), "first");
        JoinAt(line, Opens.AddHours(-1), "second");

        Assert.Equal(QueueState.Waiting, line.Status("first", Opens).State);
        Assert.Equal([1L, 2L], new[] { "first", "second" }.Select(b => line.Status(b, Opens).Position));
        Assert.Null(line.Audit("ev", 0, 10).ShuffleSeed);
    }

    [Fact]
    public void Schedule_LotteryTurnedToFifoWithBuyersWaiting_DrawsThemAtOnce()
    {
        var line = Lottery(seed: 3);
        JoinAt(line, PreQueueOpens.AddMinutes(1), "a", "b");

        line.SetSchedule(new QueueSchedule(QueueMode.Fifo, PreQueueOpens, Opens));
        line.Admit(PreQueueOpens.AddMinutes(2));

        Assert.Equal(QueueState.Waiting, line.Status("a", PreQueueOpens.AddMinutes(2)).State);
        Assert.Equal(0, line.PreQueued);
    }

    [Fact]
    public void Leave_FromThePreQueue_IsNotDrawn()
    {
        var line = Lottery(seed: 3);
        JoinAt(line, PreQueueOpens.AddMinutes(1), "a", "b", "c");

        Assert.True(line.Leave("b"));
        line.Admit(Opens);

        Assert.Equal(QueueState.NotInQueue, line.Status("b", Opens).State);
        Assert.Equal(2, line.Waiting);
    }

    [Theory]
    [InlineData("records")]
    [InlineData("snapshot")]
    public void Reactivation_KeepsThePreQueueAndReplaysTheDrawWithoutDrawingAgain(string how)
    {
        var line = new QueueLine(drawSeed: () => 11);
        line.SetSchedule(new QueueSchedule(QueueMode.Lottery, PreQueueOpens, Opens));
        JoinAt(line, PreQueueOpens.AddMinutes(1), "a", "b", "c");

        var reloaded = Reloaded.By(how, line, () => 11);
        Assert.Equal(QueueState.PreQueue, reloaded.Status("b", PreQueueOpens.AddMinutes(2)).State);
        reloaded.Admit(Opens);
        var again = Reloaded.By(how, reloaded, () => throw new InvalidOperationException("A drawn lottery is never drawn again."));

        Assert.Equal(QueueShuffle.Order(["a", "b", "c"], 11), new[] { "a", "b", "c" }.OrderBy(b => again.Status(b, Opens).Position));
        Assert.Equal(11UL, again.Audit("ev", 0, 1).ShuffleSeed);
        Assert.Equal(again.Audit("ev", 0, 10).Order.ToArray(), reloaded.Audit("ev", 0, 10).Order.ToArray());
    }

    private static QueueLine Lottery(ulong seed, double rate = 50)
    {
        var line = new QueueLine(QueueSettings.Default with { AdmissionsPerSecond = rate }, () => seed);
        line.SetSchedule(new QueueSchedule(QueueMode.Lottery, PreQueueOpens, Opens));
        return line;
    }

    private static void JoinAt(QueueLine line, DateTimeOffset at, params string[] buyers)
    {
        foreach (var buyer in buyers)
        {
            var joined = line.Join(buyer, at);
            Assert.True(joined.IsSuccess, joined.Message);
        }
    }
}
