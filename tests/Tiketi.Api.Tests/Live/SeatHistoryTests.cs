using System.Collections.Immutable;
using Tiketi.Api.Live;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Tests.Live;

public sealed class SeatHistoryTests
{
    [Fact]
    public void Since_VersionsStillKept_ReturnsTheMissedDeltas()
    {
        var history = new SeatHistory(keptPerBlock: 4);
        foreach (var v in new long[] { 5, 6, 7, 8 })
        {
            Assert.Equal(DeltaFit.Next, history.Append(Delta("B1", v)));
        }

        Assert.Equal([7L, 8L], history.Since("B1", 6)!.Select(d => d.Version));
        Assert.Equal([5L, 6L, 7L, 8L], history.Since("B1", 4)!.Select(d => d.Version));
        Assert.Empty(history.Since("B1", 8)!);
        Assert.Empty(history.Since("B1", 11)!);
    }

    [Fact]
    public void Since_OlderThanKept_NeedsSnapshot()
    {
        var history = new SeatHistory(keptPerBlock: 3);
        for (var v = 1; v <= 10; v++)
        {
            history.Append(Delta("B1", v));
        }

        Assert.Null(history.Since("B1", 6));
        Assert.Equal([8L, 9L, 10L], history.Since("B1", 7)!.Select(d => d.Version));
        Assert.Null(history.Since("B2", 0));
    }

    [Fact]
    public void Append_DuplicateOrGap_ReportedAndGapForgetsTheRun()
    {
        var history = new SeatHistory(keptPerBlock: 10);
        history.Append(Delta("B1", 1));
        history.Append(Delta("B1", 2));

        Assert.Equal(DeltaFit.Duplicate, history.Append(Delta("B1", 2)));
        Assert.Equal(DeltaFit.Gap, history.Append(Delta("B1", 5)));
        Assert.Null(history.Since("B1", 1));

        history.Reset("B1", 6);
        Assert.Equal(DeltaFit.Duplicate, history.Append(Delta("B1", 6)));
        Assert.Equal(DeltaFit.Next, history.Append(Delta("B1", 7)));
        Assert.Empty(history.Since("B1", 7)!);
        Assert.Equal([7L], history.Since("B1", 6)!.Select(d => d.Version));
        Assert.Null(history.Since("B1", 5));
    }

    private static SeatDelta Delta(string blockId, long version) =>
        new("ev", blockId, version, [new SeatChange((int)version % 10, SeatStatus.Held)], ImmutableDictionary<string, InventoryCounts>.Empty);
}
