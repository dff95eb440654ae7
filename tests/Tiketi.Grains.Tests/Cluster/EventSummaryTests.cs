using Tiketi.Events;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>The operator's figures are whole from the first read, not once every block has reported.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class EventSummaryTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Summary_ReadRightAfterDefinition_CountsEveryBlockAsAvailable()
    {
        var grain = fixture.Client.GetGrain<IEventGrain>(SaleFactory.NewId("ev"));
        Assert.True((await grain.DefineAsync(_sales.Definition(blocks: 3, rows: 2, seatsPerRow: 10, gaCapacity: 40))).IsSuccess);

        var summary = await grain.GetSummaryAsync();

        Assert.Equal(100, summary!.Total.Available);
        Assert.Equal(4, summary.ByBlock.Count);
        Assert.Equal(40, summary.ByCategory["ga"].Available);
    }

    [Fact]
    public async Task Summary_DraftRedefinedWithFewerBlocks_DroppedBlocksLeaveTheFigures()
    {
        var grain = fixture.Client.GetGrain<IEventGrain>(SaleFactory.NewId("ev"));
        Assert.True((await grain.DefineAsync(_sales.Definition(blocks: 3, rows: 2, seatsPerRow: 10))).IsSuccess);
        Assert.Equal(60, (await grain.GetSummaryAsync())!.Total.Available);

        Assert.True((await grain.DefineAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10))).IsSuccess);
        var summary = await grain.GetSummaryAsync();

        Assert.Equal(20, summary!.Total.Available);
        Assert.Equal(["B1"], summary.ByBlock.Keys);
    }
}
