using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Live;

namespace Tiketi.Api.Tests.Live;

/// <summary>The host subscribes to an event only while someone watches it here, and refuses abuse clearly.</summary>
[Collection(ApiCollection.Name)]
public sealed class WatchLimitTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly LiveSale _sale = new(factory.Services.GetRequiredService<IClusterClient>());
    private readonly EventFeeds _feeds = factory.Services.GetRequiredService<EventFeeds>();

    [Fact]
    public async Task WatchEvent_LastWatcherLeaves_HostUnsubscribesFromTheEvent()
    {
        var eventId = await _sale.CreateEventAsync(blocks: 1);
        var first = await SaleWatcher.ConnectAsync(factory);
        await using var second = await SaleWatcher.ConnectAsync(factory);
        await first.WatchAsync(eventId);
        await second.WatchAsync(eventId);
        await second.WatchAsync(eventId);
        Assert.True(_feeds.IsActive(eventId));

        await second.UnwatchAsync(eventId);
        Assert.True(_feeds.IsActive(eventId));

        await first.DisposeAsync();
        await Eventually.TrueAsync(() => !_feeds.IsActive(eventId), Within, "the feed gone after the last watcher left");

        await second.WatchAsync(eventId);
        Assert.True(_feeds.IsActive(eventId));
        await second.UnwatchAsync(eventId);
        Assert.False(_feeds.IsActive(eventId));
    }

    [Theory]
    [InlineData("ev/other", "event id")]
    [InlineData("", "event id")]
    [InlineData("ev-no-such-event", "no event")]
    public async Task WatchEvent_BadOrUnknownEvent_RefusedWithHubException(string eventId, string message)
    {
        await using var watcher = await SaleWatcher.ConnectAsync(factory);

        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(eventId));

        Assert.Contains(message, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(_feeds.IsActive(eventId));
        Assert.Equal(HubConnectionState.Connected, watcher.Connection.State);
    }

    [Fact]
    public async Task WatchEvent_UnknownBlockInLastVersions_RefusedWithoutLeakingTheFeed()
    {
        var eventId = await _sale.CreateEventAsync(blocks: 1);
        await using var watcher = await SaleWatcher.ConnectAsync(factory);

        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(eventId, new Dictionary<string, long> { ["B9"] = 3 }));

        Assert.Contains("no block 'B9'", refused.Message, StringComparison.Ordinal);
        Assert.False(_feeds.IsActive(eventId));
    }

    [Fact]
    public async Task WatchEvent_TwentyFirstEvent_RefusedUntilOneIsUnwatched()
    {
        var events = await Task.WhenAll(Enumerable.Range(0, 21).Select(_ => _sale.CreateEventAsync(blocks: 1, rows: 1, seatsPerRow: 2)));
        await using var watcher = await SaleWatcher.ConnectAsync(factory);
        foreach (var eventId in events[..20])
        {
            await watcher.WatchAsync(eventId);
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.WatchAsync(events[20]));

        Assert.Contains("at most 20 events", refused.Message, StringComparison.Ordinal);
        Assert.False(_feeds.IsActive(events[20]));
        await watcher.WatchAsync(events[0]);
        await watcher.UnwatchAsync(events[0]);
        await watcher.WatchAsync(events[20]);
        Assert.True(_feeds.IsActive(events[20]));
    }
}
