using Tiketi.Common;
using Tiketi.Grains.Tests.Queue;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>
/// The waiting-queue rules without a cluster. Time is driven by hand: <see cref="T0"/> is the first
/// admission tick, which only starts the token bucket.
/// </summary>
public sealed class QueueLineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Join_SameBuyerTwice_KeepsPlaceAndPosition()
    {
        var line = NewLine();
        JoinAll(line, "a", "b", "c");

        var again = line.Join("b", T0);

        Assert.True(again.IsSuccess);
        Assert.Equal(QueueState.Waiting, again.Value!.State);
        Assert.Equal(2, again.Value.Position);
        Assert.Equal(1, again.Value.PeopleAhead);
        Assert.Equal(3, line.Waiting);
        Assert.Equal(3, line.Status("c", T0).Position);
    }

    [Fact]
    public void Join_SeveralBuyers_GetsPositionsInArrivalOrder()
    {
        var line = NewLine();
        JoinAll(line, "a", "b", "c", "d");

        Assert.Equal([1L, 2L, 3L, 4L], new[] { "a", "b", "c", "d" }.Select(b => line.Status(b, T0).Position));
        Assert.Equal([0L, 1L, 2L, 3L], new[] { "a", "b", "c", "d" }.Select(b => line.Status(b, T0).PeopleAhead));
    }

    [Fact]
    public void Leave_BuyerAhead_MovesEveryoneBehindUp()
    {
        var line = NewLine();
        JoinAll(line, "a", "b", "c", "d");

        Assert.True(line.Leave("b"));

        Assert.Equal(1, line.Status("a", T0).Position);
        Assert.Equal(1, line.Status("c", T0).PeopleAhead);
        Assert.Equal(3, line.Status("d", T0).Position);
        Assert.Equal(QueueState.NotInQueue, line.Status("b", T0).State);
        Assert.Equal(3, line.Waiting);
    }

    [Fact]
    public void Leave_UnknownBuyer_ReturnsFalse()
    {
        var line = NewLine();
        JoinAll(line, "a");

        Assert.False(line.Leave("stranger"));
        Assert.Equal(1, line.Waiting);
    }

    [Fact]
    public void Join_AfterLeaving_GoesToBackOfLine()
    {
        var line = NewLine();
        JoinAll(line, "a", "b", "c");
        line.Leave("a");

        var rejoined = line.Join("a", T0);

        Assert.Equal(3, rejoined.Value!.Position);
        Assert.Equal(1, line.Status("b", T0).Position);
    }

    [Fact]
    public void Admit_SeveralTicks_AdmitsInArrivalOrderSkippingLeavers()
    {
        var line = NewLine(rate: 1);
        JoinAll(line, "a", "b", "c", "d", "e");
        line.Leave("c");
        line.Admit(T0);

        var admitted = Enumerable.Range(1, 6).SelectMany(s => line.Admit(T0.AddSeconds(s))).ToList();

        Assert.Equal(["a", "b", "d", "e"], admitted);
    }

    [Fact]
    public void Admit_OneAdmitted_PositionsOfOthersDrop()
    {
        var line = NewLine(rate: 1);
        JoinAll(line, "a", "b", "c");
        line.Admit(T0);

        line.Admit(T0.AddSeconds(1));

        Assert.Equal(QueueState.Admitted, line.Status("a", T0.AddSeconds(1)).State);
        Assert.Equal(1, line.Status("b", T0.AddSeconds(1)).Position);
        Assert.Equal(2, line.Status("c", T0.AddSeconds(1)).Position);
    }

    [Fact]
    public void Admit_FirstTick_OnlyStartsTheClock()
    {
        var line = NewLine(rate: 10);
        JoinAll(line, "a", "b");

        Assert.Empty(line.Admit(T0));
        Assert.Equal(2, line.Waiting);
    }

    [Fact]
    public void Admit_TwoPerSecond_AdmitsTwoAfterOneSecondAndSixAfterThree()
    {
        var line = NewLine(rate: 2);
        JoinAll(line, Buyers(20));
        line.Admit(T0);

        var afterOne = line.Admit(T0.AddSeconds(1)).Count;
        var afterThree = afterOne + line.Admit(T0.AddSeconds(2)).Count + line.Admit(T0.AddSeconds(3)).Count;

        Assert.Equal(2, afterOne);
        Assert.Equal(6, afterThree);
    }

    [Fact]
    public void Admit_AfterQuietMinute_BurstsAtMostOneSecondOfRatePlusCarry()
    {
        var line = NewLine(rate: 2);
        JoinAll(line, Buyers(100));
        line.Admit(T0);

        // One second's worth, plus the one token kept so fractions carry between ticks.
        Assert.Equal(3, line.Admit(T0.AddMinutes(1)).Count);
    }

    [Fact]
    public void Admit_RateBelowOnePerSecond_AdmitsOneEveryTwoSeconds()
    {
        var line = NewLine(rate: 0.5);
        JoinAll(line, Buyers(10));
        line.Admit(T0);

        Assert.Empty(line.Admit(T0.AddSeconds(1)));
        Assert.Single(line.Admit(T0.AddSeconds(2)));
        Assert.Empty(line.Admit(T0.AddSeconds(3)));
        Assert.Single(line.Admit(T0.AddSeconds(4)));
    }

    [Fact]
    public void Admit_RandomTickIntervals_NeverExceedsRateTimesElapsedPlusBurst()
    {
        const double rate = 3;
        var random = new Random(20260301);
        var line = NewLine(rate: rate);
        JoinAll(line, Buyers(2_000));
        line.Admit(T0);

        var now = T0;
        var total = 0;
        for (var tick = 0; tick < 400; tick++)
        {
            now = now.AddMilliseconds(random.Next(0, 2_500));
            total += line.Admit(now).Count;
            var elapsed = (now - T0).TotalSeconds;
            Assert.True(total <= (rate * elapsed) + Math.Max(rate, 1), $"{total} admitted after {elapsed:F1} s");
        }

        Assert.True(total > 0);
    }

    [Fact]
    public void Admit_FrequentTicks_KeepsUpWithTheRate()
    {
        var line = NewLine(rate: 2);
        JoinAll(line, Buyers(100));
        line.Admit(T0);

        var total = Enumerable.Range(1, 100).Sum(i => line.Admit(T0.AddMilliseconds(i * 100)).Count);

        // Ten seconds at two a second; floating-point rounding may hold the last one for a tick.
        Assert.InRange(total, 19, 20);
    }

    [Fact]
    public void Admit_LowRateAtDefaultTick_SustainsConfiguredRate()
    {
        var line = NewLine(rate: 1.2);
        JoinAll(line, Buyers(200));
        line.Admit(T0);

        // The grain's default AdmissionTick is 500 ms.
        var total = Enumerable.Range(1, 120).Sum(i => line.Admit(T0.AddMilliseconds(i * 500)).Count);

        Assert.InRange(total, 71, 72);
    }

    [Fact]
    public void Admit_ActiveCapReached_AdmitsNoMoreUntilASlotFrees()
    {
        var line = NewLine(rate: 100, maxActive: 3);
        JoinAll(line, "a", "b", "c", "d", "e");
        line.Admit(T0);

        var first = line.Admit(T0.AddSeconds(1));
        var blocked = line.Admit(T0.AddSeconds(2));

        Assert.Equal(["a", "b", "c"], first);
        Assert.Empty(blocked);
        Assert.Equal(3, line.Active);
    }

    [Fact]
    public void Complete_ActiveShopper_GivesSlotToNextBuyer()
    {
        var line = NewLine(rate: 100, maxActive: 2);
        JoinAll(line, "a", "b", "c");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));

        Assert.True(line.Complete("a"));
        var next = line.Admit(T0.AddSeconds(2));

        Assert.Equal(["c"], next);
        Assert.Equal(2, line.Active);

        // The finished shopper's pass stays good for more purchases.
        Assert.Equal(QueueState.Admitted, line.Status("a", T0.AddSeconds(2)).State);
    }

    [Fact]
    public void Leave_ActiveShopper_GivesSlotToNextBuyer()
    {
        var line = NewLine(rate: 100, maxActive: 1);
        JoinAll(line, "a", "b");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));

        Assert.True(line.Leave("a"));

        Assert.Equal(["b"], line.Admit(T0.AddSeconds(2)));
        Assert.Equal(QueueState.NotInQueue, line.Status("a", T0.AddSeconds(2)).State);
    }

    [Fact]
    public void Complete_TwiceOrUnknownBuyer_FreesOnlyOneSlot()
    {
        var line = NewLine(rate: 100, maxActive: 2);
        JoinAll(line, "a", "b", "c", "d");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));

        line.Complete("a");
        line.Complete("a");
        line.Complete("stranger");

        Assert.Equal(["c"], line.Admit(T0.AddSeconds(2)));
        Assert.Equal(2, line.Active);
    }

    [Fact]
    public void Admit_ShopperIdlePastTimeout_FreesSlotAndExpiresStatus()
    {
        var line = NewLine(rate: 100, maxActive: 1, passLifetime: TimeSpan.FromMinutes(15), idleTimeout: TimeSpan.FromMinutes(3));
        JoinAll(line, "a", "b");
        line.Admit(T0);
        var admittedAt = T0.AddSeconds(1);
        line.Admit(admittedAt);

        Assert.Empty(line.Admit(admittedAt.AddMinutes(3).AddSeconds(-1)));
        var next = line.Admit(admittedAt.AddMinutes(3));

        Assert.Equal(["b"], next);
        Assert.Equal(QueueState.Expired, line.Status("a", admittedAt.AddMinutes(3)).State);
    }

    [Fact]
    public void Touch_BeforeIdleTimeout_KeepsSlotUntilNewIdleTime()
    {
        var line = NewLine(rate: 100, maxActive: 1, passLifetime: TimeSpan.FromMinutes(15), idleTimeout: TimeSpan.FromMinutes(3));
        JoinAll(line, "a", "b");
        line.Admit(T0);
        var admittedAt = T0.AddSeconds(1);
        line.Admit(admittedAt);

        Assert.True(line.Touch("a", admittedAt.AddMinutes(2)));

        Assert.Empty(line.Admit(admittedAt.AddMinutes(4)));
        Assert.Equal(QueueState.Admitted, line.Status("a", admittedAt.AddMinutes(4)).State);
        Assert.Equal(["b"], line.Admit(admittedAt.AddMinutes(5)));
    }

    [Fact]
    public void Touch_BuyerNotShopping_ReturnsFalse()
    {
        var line = NewLine();
        JoinAll(line, "waiting");

        Assert.False(line.Touch("waiting", T0));
        Assert.False(line.Touch("stranger", T0));
    }

    [Fact]
    public void Admit_PassExpired_FreesSlotEvenWhenTouched()
    {
        var line = NewLine(rate: 100, maxActive: 1, passLifetime: TimeSpan.FromMinutes(2), idleTimeout: TimeSpan.FromMinutes(1));
        JoinAll(line, "a", "b");
        line.Admit(T0);
        var admittedAt = T0.AddSeconds(1);
        line.Admit(admittedAt);
        var expiresAt = line.Status("a", admittedAt).PassExpiresAt;

        line.Touch("a", admittedAt.AddSeconds(50));
        line.Touch("a", admittedAt.AddSeconds(110));

        Assert.Equal(admittedAt.AddMinutes(2), expiresAt);
        Assert.Empty(line.Admit(admittedAt.AddSeconds(119)));
        Assert.Equal(["b"], line.Admit(admittedAt.AddMinutes(2)));
        Assert.Equal(QueueState.Expired, line.Status("a", admittedAt.AddMinutes(2)).State);
    }

    [Fact]
    public void Join_AfterPassExpired_QueuesAgainAtTheBack()
    {
        var line = NewLine(rate: 100, maxActive: 1, passLifetime: TimeSpan.FromMinutes(2), idleTimeout: TimeSpan.FromMinutes(1));
        JoinAll(line, "a", "b", "c");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));
        var later = T0.AddMinutes(5);
        line.Admit(later);

        var rejoined = line.Join("a", later);

        Assert.Equal(QueueState.Waiting, rejoined.Value!.State);
        Assert.Equal(2, rejoined.Value.Position);
    }

    [Fact]
    public void Join_WhileAdmitted_StaysAdmitted()
    {
        var line = NewLine(rate: 100);
        JoinAll(line, "a");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));

        var again = line.Join("a", T0.AddSeconds(2));

        Assert.Equal(QueueState.Admitted, again.Value!.State);
        Assert.Equal(0, line.Waiting);
    }

    [Fact]
    public void Join_SoldOut_FailsWithQueue004()
    {
        var line = NewLine();
        Assert.True(line.SetSoldOut(true));

        var joined = line.Join("late", T0);

        Assert.False(joined.IsSuccess);
        Assert.Equal(Reasons.SoldOut, joined.Code);
        Assert.Equal(0, line.Waiting);
    }

    [Fact]
    public void Status_SoldOutWhileWaiting_IsSoldOutAndNobodyIsAdmitted()
    {
        var line = NewLine(rate: 100);
        JoinAll(line, "a", "b");
        line.Admit(T0);

        line.SetSoldOut(true);

        Assert.Empty(line.Admit(T0.AddSeconds(1)));
        Assert.Equal(QueueState.SoldOut, line.Status("a", T0.AddSeconds(1)).State);
        Assert.Equal(QueueState.SoldOut, line.Status("b", T0.AddSeconds(1)).State);
    }

    [Fact]
    public void SetSoldOut_BackOnSale_WaitingBuyersKeepTheirPlaces()
    {
        var line = NewLine();
        JoinAll(line, "a", "b");
        line.SetSoldOut(true);

        Assert.False(line.SetSoldOut(true));
        Assert.True(line.SetSoldOut(false));

        Assert.Equal(2, line.Status("b", T0).Position);
    }

    [Theory]
    [InlineData("records")]
    [InlineData("snapshot")]
    public void QueueLine_ReloadedFromItsJournal_GivesSamePositionsAndCarriesOn(string how)
    {
        var line = new QueueLine(Settings(rate: 2, maxActive: 10));
        JoinAll(line, "a", "b", "c", "d", "e", "f", "g");
        line.Leave("c");
        line.Admit(T0);
        line.Admit(T0.AddSeconds(1));
        line.Leave("e");
        var at = T0.AddSeconds(1.5);
        var buyers = new[] { "a", "b", "c", "d", "e", "f", "g" };
        var before = buyers.Select(b => line.Status(b, at)).ToList();

        var reactivated = Reloaded.By(how, line);

        Assert.Equal(before, buyers.Select(b => reactivated.Status(b, at)));
        Assert.Equal(line.Waiting, reactivated.Waiting);
        Assert.Equal(line.Active, reactivated.Active);
        Assert.Equal(["d", "f"], reactivated.Admit(T0.AddSeconds(2)));
        Assert.Equal(1, reactivated.Status("g", T0.AddSeconds(2)).Position);
    }

    [Fact]
    public void Status_Waiting_EstimatesPeopleAheadOverRate()
    {
        var line = NewLine(rate: 4);
        JoinAll(line, Buyers(10));

        var last = line.Status("buyer-9", T0);

        Assert.Equal(9, last.PeopleAhead);
        Assert.Equal(TimeSpan.FromSeconds(9 / 4.0), last.EstimatedWait);
        Assert.Equal(TimeSpan.Zero, line.Status("buyer-0", T0).EstimatedWait);
    }

    [Fact]
    public void Status_Admitted_CarriesPassExpiry()
    {
        var line = NewLine(rate: 100, passLifetime: TimeSpan.FromMinutes(15));
        JoinAll(line, "a");
        line.Admit(T0);

        line.Admit(T0.AddSeconds(1));

        var status = line.Status("a", T0.AddSeconds(1));
        Assert.Equal(QueueState.Admitted, status.State);
        Assert.Equal(T0.AddSeconds(1).AddMinutes(15), status.PassExpiresAt);
    }

    [Fact]
    public void Status_UnknownBuyer_IsNotInQueue()
    {
        Assert.Equal(QueueState.NotInQueue, NewLine().Status("stranger", T0).State);
    }

    private static QueueSettings Settings(double rate, int maxActive, TimeSpan? passLifetime = null, TimeSpan? idleTimeout = null) =>
        new(rate, maxActive, passLifetime ?? TimeSpan.FromMinutes(15), idleTimeout ?? TimeSpan.FromMinutes(3));

    private static QueueLine NewLine(double rate = 50, int maxActive = 1_000, TimeSpan? passLifetime = null, TimeSpan? idleTimeout = null) =>
        new(Settings(rate, maxActive, passLifetime, idleTimeout));

    private static void JoinAll(QueueLine line, params string[] buyers)
    {
        foreach (var buyer in buyers)
        {
            Assert.True(line.Join(buyer, T0).IsSuccess);
        }
    }

    private static string[] Buyers(int count) => [.. Enumerable.Range(0, count).Select(i => $"buyer-{i}")];
}
