using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Tiketi.Events;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>When a silo serves an event from its cache, and when it reads the event grain.</summary>
public sealed class EventCacheTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private EventInfo? _stored = Info(EventStatus.OnSale, revision: 2);
    private int _reads;

    [Fact]
    public async Task Get_OnSaleWithinRefresh_ServedWithoutReading()
    {
        var cache = Cache();
        await cache.GetAsync("ev");

        _time.Advance(Refresh - TimeSpan.FromMilliseconds(1));
        var info = await cache.GetAsync("ev");

        Assert.Equal(EventStatus.OnSale, info!.Status);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task Get_OnSaleOlderThanRefresh_ServedThenRenewedInBackground()
    {
        var cache = Cache();
        await cache.GetAsync("ev");
        _stored = Info(EventStatus.Closed, revision: 3);

        _time.Advance(Refresh);
        var served = await cache.GetAsync("ev");

        Assert.Equal(EventStatus.OnSale, served!.Status);
        await WaitForAsync(() => _reads == 2);
        await WaitForAsync(async () => (await cache.GetAsync("ev"))!.Status == EventStatus.Closed);
    }

    [Fact]
    public async Task Get_OlderThanFourRefreshes_ReadBeforeAnswering()
    {
        var cache = Cache();
        await cache.GetAsync("ev");
        _stored = Info(EventStatus.Cancelled, revision: 3);

        _time.Advance(cache.MaxStaleness);

        Assert.Equal(EventStatus.Cancelled, (await cache.GetAsync("ev"))!.Status);
        Assert.Equal(TimeSpan.FromSeconds(4), cache.MaxStaleness);
    }

    [Theory]
    [InlineData(EventStatus.Draft)]
    [InlineData(EventStatus.Closed)]
    [InlineData(EventStatus.Cancelled)]
    public async Task Get_NotOnSale_ReadEveryTimeSoAnOpeningIsSeenAtOnce(EventStatus status)
    {
        _stored = Info(status, revision: 1);
        var cache = Cache();
        await cache.GetAsync("ev");
        _stored = Info(EventStatus.OnSale, revision: 2);

        Assert.Equal(EventStatus.OnSale, (await cache.GetAsync("ev"))!.Status);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Get_UnknownEvent_NullAndNotRemembered()
    {
        _stored = null;
        var cache = Cache();

        Assert.Null(await cache.GetAsync("ev"));
        Assert.Null(await cache.GetAsync("ev"));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Update_FromTheEventGrain_ServedAtOnceAndOlderRevisionIgnored()
    {
        var cache = Cache();
        await cache.GetAsync("ev");

        cache.Update(Info(EventStatus.Closed, revision: 3));
        cache.Update(Info(EventStatus.OnSale, revision: 2));

        // Closed is not served from the cache: it is read, and the grain says closed too.
        _stored = Info(EventStatus.Closed, revision: 3);
        Assert.Equal(EventStatus.Closed, (await cache.GetAsync("ev"))!.Status);
    }

    private EventCache Cache() => new(_ =>
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_stored);
    }, Refresh, _time);

    private static EventInfo Info(EventStatus status, int revision) => new("ev", Definition, status, revision);

    private static readonly EventDefinition Definition = new(
        "T", "A", "V", DateTimeOffset.UnixEpoch.AddDays(30), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(29),
        [new PriceCategory("std", "Standard", 100)], [BlockDefinition.Reserved("B1", "Block", RowDefinition.Of("A", 10, "std"))]);

    private static async Task WaitForAsync(Func<bool> condition) => await WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(10);
        }
    }
}
