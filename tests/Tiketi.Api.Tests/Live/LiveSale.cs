using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Api.Tests.Live;

/// <summary>Makes sales happen by calling the grains through a host's cluster client.</summary>
public sealed class LiveSale(IClusterClient client)
{
    public IClusterClient Client => client;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>An event on sale now, no queue: blocks "B1".."Bn" of rows × seats, category "std".</summary>
    public async Task<string> CreateEventAsync(int blocks = 2, int rows = 3, int seatsPerRow = 6)
    {
        var now = DateTimeOffset.UtcNow;
        var definition = new EventDefinition(
            "Live test", "Test artist", "Test hall", now.AddDays(30), now.AddMinutes(-1), now.AddDays(29),
            [new PriceCategory("std", "Standard", 99_000)],
            [.. Enumerable.Range(1, blocks).Select(b => BlockDefinition.Reserved(
                $"B{b}", $"Block {b}", [.. Enumerable.Range(0, rows).Select(r => RowDefinition.Of(((char)('A' + r)).ToString(), seatsPerRow, "std"))]))],
            PerBuyerLimit: 4, HoldDuration: TimeSpan.FromMinutes(7), QueueEnabled: false);
        var eventId = NewId("ev");
        var grain = client.GetGrain<IEventGrain>(eventId);
        var defined = await grain.DefineAsync(definition);
        Assert.True(defined.IsSuccess, defined.Message);
        var opened = await grain.OpenSaleAsync();
        Assert.True(opened.IsSuccess, opened.Message);
        return eventId;
    }

    public async Task<OrderView> HoldAsync(string eventId, string buyerId, string blockId, int quantity = 2)
    {
        var held = await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId))
            .HoldAsync(new HoldRequest(blockId, HoldSelection.Best("std", quantity), null));
        Assert.True(held.IsSuccess, held.Message);
        return held.Value!;
    }

    public async Task CancelAsync(OrderView order)
    {
        var cancelled = await client.GetGrain<IOrderGrain>(order.OrderId).CancelAsync(order.BuyerId);
        Assert.True(cancelled.IsSuccess, cancelled.Message);
    }

    public async Task<ImmutableDictionary<string, SeatMapSnapshot>> SnapshotsAsync(string eventId, params string[] blocks)
    {
        var snapshots = await Task.WhenAll(blocks.Select(b => client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b)).GetSnapshotAsync()));
        return snapshots.ToImmutableDictionary(s => s.BlockId);
    }

    public static string Digits(SeatMapSnapshot snapshot) => string.Concat(snapshot.Seats.Select(s => (char)('0' + s)));
}
