using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Tiketi.Audit;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>
/// A reactivated queue is the one that was written: replayed from the journal's records or read from a
/// snapshot, a drawn lottery, admissions, drops and the audit lists come back exactly, and the draw is
/// never made again. A queue stored whole by the build before the journal is carried over as it was.
/// </summary>
public sealed class QueueJournalReplayTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly string[] Early = ["a", "b", "c", "d"];

    [Theory]
    [InlineData("records")]
    [InlineData("snapshot")]
    public void Reload_AfterDrawAdmissionLeaveAndDrop_IsTheSameQueue(string how)
    {
        var line = new QueueLine(QueueSettings.Default with { AdmissionsPerSecond = 1, SilenceLimit = TimeSpan.FromMinutes(1) }, () => 0xDEADBEEFUL);
        line.SetSchedule(new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens));
        foreach (var buyer in Early)
        {
            line.Join(buyer, Opens.AddMinutes(-10));
        }

        line.Admit(Opens);
        line.Admit(Opens.AddSeconds(1));
        line.Join("late", Opens.AddSeconds(2));
        line.Join("leaver", Opens.AddSeconds(2));
        line.Leave("leaver");
        var silent = QueueShuffle.Order(Early, 0xDEADBEEFUL)[1];
        foreach (var buyer in Early.Append("late").Where(b => b != silent))
        {
            line.Seen(buyer, Opens.AddSeconds(61));
        }

        Assert.Equal(1, line.DropSilent(Opens.AddSeconds(61)));
        var before = line.Audit("ev", 0, 10);

        var reloaded = Reloaded.By(how, line, () => throw new InvalidOperationException("A drawn lottery is never drawn again."));
        var after = reloaded.Audit("ev", 0, 10);

        Assert.Equal(before with { Order = [], ArrivalsOverTime = [], AdmissionsOverTime = [] }, after with { Order = [], ArrivalsOverTime = [], AdmissionsOverTime = [] });
        Assert.Equal(before.Order.ToArray(), after.Order.ToArray());
        Assert.Equal(before.ArrivalsOverTime.ToArray(), after.ArrivalsOverTime.ToArray());
        Assert.Equal(before.AdmissionsOverTime.ToArray(), after.AdmissionsOverTime.ToArray());
        Assert.Equal((1L, 1L, 1L), (after.Admitted, after.Left, after.Dropped));
        var dropped = reloaded.Status(silent, Opens.AddSeconds(62));
        Assert.Equal((QueueState.Dropped, Opens.AddSeconds(61)), (dropped.State, dropped.DroppedAt!.Value));
        Assert.Equal(line.Status(Early[0], Opens.AddSeconds(62)), reloaded.Status(Early[0], Opens.AddSeconds(62)));
        Assert.Equal(new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens), reloaded.Schedule);
        Assert.Equal(line.Settings, reloaded.Settings);
        Assert.Equal((line.Waiting, line.Active, line.AdmittedTotal, line.AdmittedUpTo), (reloaded.Waiting, reloaded.Active, reloaded.AdmittedTotal, reloaded.AdmittedUpTo));
    }

    [Theory]
    [InlineData("records")]
    [InlineData("snapshot")]
    public void Reload_ShopperTouchedAndAnotherDone_KeepsIdleTimesAndFreedSlots(string how)
    {
        var line = new QueueLine(new QueueSettings(10, 2, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3)));
        foreach (var buyer in new[] { "touched", "done", "next" })
        {
            line.Join(buyer, Opens);
        }

        line.Admit(Opens);
        line.Admit(Opens.AddSeconds(1));
        Assert.True(line.Touch("touched", Opens.AddMinutes(2)));
        Assert.True(line.Complete("done"));

        var reloaded = Reloaded.By(how, line);

        // "done" freed a slot (next gets in); "touched" keeps theirs until 2 + 3 minutes, not 0 + 3.
        Assert.Equal(["next"], reloaded.Admit(Opens.AddMinutes(4)));
        Assert.Equal(QueueState.Admitted, reloaded.Status("touched", Opens.AddMinutes(4)).State);
        Assert.Equal(2, reloaded.Active);
    }

    [Fact]
    public void LegacyImport_StateStoredWholeThroughTheStorageSerializer_IsTheSameQueue()
    {
        var epoch = Opens.AddMinutes(-10);
        var state = new WaitingQueueState
        {
            Settings = QueueSettings.Default with { AdmissionsPerSecond = 1, SilenceLimit = TimeSpan.FromMinutes(1) },
            Schedule = new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens),
            ShuffleSeed = 42,
            ShuffledAt = Opens,
            PreQueueStart = 0,
            PreQueued = 3,
            Epoch = epoch,
            Entries = ["b", "c", "a", "late"],
            Outcomes = [(byte)QueueOutcome.Admitted, (byte)QueueOutcome.Dropped, (byte)QueueOutcome.Waiting, (byte)QueueOutcome.Waiting],
            Arrivals = [0, 0, 0, 602],
            AdmittedAts = [601, int.MinValue, int.MinValue, int.MinValue],
            Head = 1,
            AdmittedTotal = 1,
            Admitted = new() { ["b"] = new Admission { PassExpiresAt = Opens.AddMinutes(16), IdleUntil = Opens.AddMinutes(4) } },
            Dropped = new() { ["c"] = Opens.AddSeconds(61) },
        };
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(WaitingQueueState).Assembly).AddAssembly(typeof(QueueAudit).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var stored = serializer.Deserialize<WaitingQueueState>(serializer.SerializeToArray(state))!;

        var line = LegacyQueueImport.From(stored, () => throw new InvalidOperationException("A drawn lottery is never drawn again."));
        var audit = Reloaded.FromSnapshot(line).Audit("ev", 0, 10);

        Assert.Equal((42UL, Opens, 3L, 4L, 1L, 1L), (audit.ShuffleSeed!.Value, audit.ShuffledAt!.Value, audit.PreQueued, audit.Arrivals, audit.Admitted, audit.Dropped));
        Assert.Equal(
            [new QueueAuditEntry(0, "b", epoch, true, QueueOutcome.Admitted, epoch.AddSeconds(601)),
             new QueueAuditEntry(1, "c", epoch, true, QueueOutcome.Dropped, null),
             new QueueAuditEntry(2, "a", epoch, true, QueueOutcome.Waiting, null),
             new QueueAuditEntry(3, "late", epoch.AddSeconds(602), false, QueueOutcome.Waiting, null)],
            audit.Order.ToArray());
        Assert.Equal((QueueState.Admitted, Opens.AddMinutes(16)), (line.Status("b", Opens.AddMinutes(1)).State, line.Status("b", Opens.AddMinutes(1)).PassExpiresAt!.Value));
        Assert.Equal((QueueState.Dropped, Opens.AddSeconds(61)), (line.Status("c", Opens.AddMinutes(1)).State, line.Status("c", Opens.AddMinutes(1)).DroppedAt!.Value));
        Assert.Equal([1L, 2L], new[] { "a", "late" }.Select(b => line.Status(b, Opens.AddMinutes(1)).Position));
        Assert.Equal(1, line.Active);
    }
}
