using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>Builds events for tests and creates them in the cluster.</summary>
public sealed class SaleFactory(SaleClusterFixture fixture)
{
    public QueuePass Passes { get; } = new(Options.Create(new SaleOptions { PassSigningKey = TestKeys.Pass }));

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>An event of <paramref name="blocks"/> reserved blocks of rows × seats, category "std", on sale now.</summary>
    public EventDefinition Definition(int blocks, int rows, int seatsPerRow, bool queue = false, int limit = 4, int gaCapacity = 0)
    {
        var now = fixture.Clock.GetUtcNow();
        var list = Enumerable.Range(1, blocks).Select(b => BlockDefinition.Reserved(
            $"B{b}", $"Block {b}",
            [.. Enumerable.Range(0, rows).Select(r => RowDefinition.Of(RowLabel(r), seatsPerRow, "std"))])).ToList();
        if (gaCapacity > 0)
        {
            list.Add(BlockDefinition.GeneralAdmission("GA", "Floor", new AreaCapacity("ga", gaCapacity)));
        }

        return new EventDefinition(
            "Test concert", "Test artist", "Test hall", now.AddDays(30), now.AddMinutes(-1), now.AddDays(29),
            [new PriceCategory("std", "Standard", 99_000), new PriceCategory("ga", "Floor", 66_000)],
            [.. list], limit, TimeSpan.FromMinutes(7), queue);
    }

    public async Task<string> CreateOnSaleAsync(EventDefinition definition)
    {
        var eventId = NewId("ev");
        var grain = fixture.Client.GetGrain<IEventGrain>(eventId);
        var defined = await grain.DefineAsync(definition);
        Assert.True(defined.IsSuccess, defined.Message);
        var opened = await grain.OpenSaleAsync();
        Assert.True(opened.IsSuccess, opened.Message);
        return eventId;
    }

    public string PassFor(string eventId, string buyerId) =>
        Passes.Issue(eventId, buyerId, fixture.Clock.GetUtcNow().AddMinutes(10));

    public static string RowLabel(int row) => row < 26 ? ((char)('A' + row)).ToString() : $"R{row + 1}";

    public static ImmutableArray<string> Seats(params string[] ids) => [.. ids];
}
