using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Tiketi.Audit;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>
/// The queue's stored state through the Orleans serializer storage uses: a drawn lottery, dropped
/// buyers and the audit lists come back intact, so a reactivated queue replays the same order.
/// </summary>
public sealed class QueueStateStorageTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 1, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void State_AfterDrawAdmissionAndDrop_RoundTripsThroughTheSerializer()
    {
        var state = new WaitingQueueState { Settings = QueueSettings.Default with { AdmissionsPerSecond = 1, SilenceLimit = TimeSpan.FromMinutes(1) } };
        var line = new QueueLine(state, () => 0xDEADBEEFUL);
        line.Schedule(new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens));
        foreach (var buyer in new[] { "a", "b", "c", "d" })
        {
            line.Join(buyer, Opens.AddMinutes(-10));
        }

        line.Admit(Opens);
        line.Admit(Opens.AddSeconds(1));
        line.Join("late", Opens.AddSeconds(2));
        foreach (var buyer in new[] { "a", "b", "c", "d", "late" }.Where(b => b != QueueShuffle.Order(["a", "b", "c", "d"], 0xDEADBEEFUL)[1]))
        {
            line.Seen(buyer, Opens.AddSeconds(61));
        }

        Assert.Equal(1, line.DropSilent(Opens.AddSeconds(61)));
        var before = line.Audit("ev", 0, 10);

        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(WaitingQueueState).Assembly).AddAssembly(typeof(QueueAudit).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var stored = serializer.Deserialize<WaitingQueueState>(serializer.SerializeToArray(state))!;
        var reloaded = new QueueLine(stored, () => throw new InvalidOperationException("A drawn lottery is never drawn again."));
        var after = reloaded.Audit("ev", 0, 10);

        Assert.Equal(before with { Order = [], ArrivalsOverTime = [], AdmissionsOverTime = [] }, after with { Order = [], ArrivalsOverTime = [], AdmissionsOverTime = [] });
        Assert.Equal(before.Order.ToArray(), after.Order.ToArray());
        Assert.Equal(before.ArrivalsOverTime.ToArray(), after.ArrivalsOverTime.ToArray());
        Assert.Equal(before.AdmissionsOverTime.ToArray(), after.AdmissionsOverTime.ToArray());
        var dropped = reloaded.Status(QueueShuffle.Order(["a", "b", "c", "d"], 0xDEADBEEFUL)[1], Opens.AddSeconds(62));
        Assert.Equal((QueueState.Dropped, Opens.AddSeconds(61)), (dropped.State, dropped.DroppedAt!.Value));
        Assert.Equal(new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens), stored.Schedule);
        Assert.Equal(TimeSpan.FromMinutes(1), stored.Settings.SilenceLimit);
        Assert.Equal(1, after.Dropped);
        Assert.Equal(1, after.Admitted);
    }
}
