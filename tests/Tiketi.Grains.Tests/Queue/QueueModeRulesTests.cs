using Tiketi.Events;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>The queue mode and pre-queue window an event may choose.</summary>
public sealed class QueueModeRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 1, 20, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [InlineData(1, true)]
    [InlineData(30, true)]
    [InlineData(1_440, true)]
    [InlineData(0, false)]
    [InlineData(1_441, false)]
    public void Validate_LotteryWindow_AllowsOneMinuteToOneDay(int minutes, bool valid)
    {
        var definition = Definition() with { QueueMode = QueueMode.Lottery, PreQueueWindow = TimeSpan.FromMinutes(minutes) };

        Assert.Equal(valid, EventRules.Validate(definition).IsSuccess);
    }

    [Fact]
    public void Validate_UnknownQueueMode_IsRefused()
    {
        Assert.False(EventRules.Validate(Definition() with { QueueMode = (QueueMode)7 }).IsSuccess);
    }

    [Fact]
    public void QueueSchedule_DefaultWindow_OpensThePreQueueHalfAnHourBefore()
    {
        var schedule = (Definition() with { QueueMode = QueueMode.Lottery }).QueueSchedule;

        Assert.Equal(new QueueSchedule(QueueMode.Lottery, Opens.AddMinutes(-30), Opens), schedule);
    }

    [Fact]
    public void Definition_WithoutQueueMode_IsFifo()
    {
        Assert.Equal(QueueMode.Fifo, Definition().QueueMode);
    }

    private static EventDefinition Definition() => new(
        "Concert", "Artist", "Hall", Opens.AddDays(30), Opens, Opens.AddDays(29),
        [new PriceCategory("std", "Standard", 99_000)], [BlockDefinition.Reserved("B1", "Block 1", RowDefinition.Of("A", 10, "std"))]);
}
