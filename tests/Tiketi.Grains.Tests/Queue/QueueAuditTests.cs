using Tiketi.Audit;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>What the queue records for the on-sale audit: places, outcomes and timelines with bounded size.</summary>
public sealed class QueueAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Audit_AfterJoinsLeavesAndAdmissions_CountsEachOutcome()
    {
        var line = new QueueLine(QueueSettings.Default with { AdmissionsPerSecond = 1 });
        line.Join("a", T0);
        line.Join("b", T0.AddSeconds(1));
        line.Join("c", T0.AddSeconds(1));
        line.Leave("b");
        line.Admit(T0.AddSeconds(1));
        line.Admit(T0.AddSeconds(2));

        var audit = line.Audit("ev", 0, 10);

        Assert.Equal((3L, 1L, 1L, 0L, false), (audit.Arrivals, audit.Admitted, audit.Left, audit.Dropped, audit.Lottery));
        QueueAuditEntry[] expected =
            [new QueueAuditEntry(0, "a", T0, false, QueueOutcome.Admitted, T0.AddSeconds(2)),
             new QueueAuditEntry(1, "b", T0.AddSeconds(1), false, QueueOutcome.Left, null),
             new QueueAuditEntry(2, "c", T0.AddSeconds(1), false, QueueOutcome.Waiting, null)];
        Assert.Equal(expected, audit.Order.ToArray());
        Assert.Equal([new TimeCount(T0, 1), new TimeCount(T0.AddSeconds(1), 2)], audit.ArrivalsOverTime.ToArray());
        Assert.Equal([new TimeCount(T0.AddSeconds(2), 1)], audit.AdmissionsOverTime.ToArray());
    }

    [Fact]
    public void Audit_OrderPage_ReturnsThePlacesAskedFor()
    {
        var line = new QueueLine();
        for (var i = 0; i < 25; i++)
        {
            line.Join($"b{i}", T0);
        }

        var page = line.Audit("ev", 20, 10).Order;

        Assert.Equal(["b20", "b21", "b22", "b23", "b24"], page.Select(p => p.BuyerId));
        Assert.Equal(20, page[0].Sequence);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, QueueLine.MaxAuditPage + 1)]
    public void Audit_PageOutOfRange_IsRefused(int offset, int limit)
    {
        var line = new QueueLine();

        Assert.Throws<ArgumentOutOfRangeException>(() => line.Audit("ev", offset, limit));
    }

    [Fact]
    public void Audit_ArrivalsOverDays_StayWithinTheBucketLimitAndCountEveryone()
    {
        var line = new QueueLine();
        for (var i = 0; i < 20_000; i++)
        {
            line.Join($"b{i}", T0.AddSeconds(i * 17));
        }

        var timeline = line.Audit("ev", 0, 1).ArrivalsOverTime;

        Assert.InRange(timeline.Length, 1, QueueLine.MaxTimelineBuckets);
        Assert.Equal(20_000, timeline.Sum(b => b.Count));
        Assert.Equal(T0, timeline[0].At);
    }

    [Fact]
    public void FindPlace_BuyerWhoNeverJoined_IsNull()
    {
        var line = new QueueLine();
        line.Join("a", T0);

        Assert.Null(line.FindPlace("stranger"));
        Assert.Equal(0, line.FindPlace("a")!.Sequence);
    }

    [Fact]
    public void LegacyImport_StateFromBeforeTheAudit_ReadsOldPlaces()
    {
        // A queue written by the build before the audit: admitted and left places were null, no audit lists.
        var state = new WaitingQueueState { Entries = [null, "waiting-1", null, "waiting-2"], Head = 1 };

        var line = LegacyQueueImport.From(state);

        Assert.Equal(2, line.Waiting);
        Assert.Equal(2, line.Status("waiting-2", T0).Position);
        Assert.Equal([QueueOutcome.Left, QueueOutcome.Waiting, QueueOutcome.Left, QueueOutcome.Waiting], line.Audit("ev", 0, 10).Order.Select(p => p.Outcome));
    }
}
