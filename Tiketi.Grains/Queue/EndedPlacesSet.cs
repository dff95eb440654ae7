using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// This silo's set of ended queue places (see <see cref="EndedPlaces"/>), kept current by the queue's
/// stream, which the silo subscribes to once it is active. <see cref="QueuePass"/> consults it on every
/// hold: a lookup, never a grain call. An entry is dropped once its pass has expired anyway. A silo that
/// joins the cluster later knows only the ends published since: those passes still run out at their expiry.
/// </summary>
public sealed partial class EndedPlacesSet(IServiceProvider services, [FromKeyedServices(SaleClock.Key)] TimeProvider clock, ILogger<EndedPlacesSet> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<(string EventId, string BuyerId, long ExpiresMs), byte> _ended = new();
    private DateTimeOffset _nextPrune;

    public int Count => _ended.Count;

    public bool IsEnded(string eventId, string buyerId, long passExpiresAtMs) => _ended.ContainsKey((eventId, buyerId, passExpiresAtMs));

    public void Add(EndedPlaces notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        foreach (var place in notice.Places)
        {
            _ended[(notice.EventId, place.BuyerId, place.PassExpiresAtMs)] = 0;
        }

        var now = clock.GetUtcNow();
        if (now >= _nextPrune)
        {
            _nextPrune = now + TimeSpan.FromMinutes(1);
            var nowMs = now.ToUnixTimeMilliseconds();
            foreach (var key in _ended.Keys.Where(k => k.ExpiresMs <= nowMs).ToList())
            {
                _ended.TryRemove(key, out _);
            }
        }
    }

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(EndedPlacesSet), ServiceLifecycleStage.Active, SubscribeAsync, _ => Task.CompletedTask);
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IClusterClient>().GetStreamProvider(SaleStreams.Provider)
                .GetStream<EndedPlaces>(StreamId.Create(QueueStreams.EndedPlaces, QueueStreams.EndedPlacesKey))
                .SubscribeAsync((notice, _) =>
                {
                    Add(notice);
                    return Task.CompletedTask;
                });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSubscribeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Following the ended queue places failed: passes of ended places run out only at their expiry on this silo")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
