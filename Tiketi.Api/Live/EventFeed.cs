using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Api.Live;

/// <summary>
/// One event's streams on this host, relayed to the event's SignalR group. Relaying a delta and letting
/// a watcher in (group join plus catch-up) take turns, so a watcher sees every version once, in order.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was used; this one's never is.")]
public sealed partial class EventFeed(
    string eventId, IClusterClient client, SalePush push, SeatSnapshots snapshots,
    IOptions<LiveOptions> options, ILogger<EventFeed> logger) : IStreamFeed
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly SeatHistory _history = new(options.Value.DeltasKeptPerBlock);
    private ImmutableHashSet<string> _blockIds = [];
    private StreamSubscriptionHandle<SeatDelta>? _seats;
    private StreamSubscriptionHandle<QueueProgress>? _queue;

    public string EventId => eventId;

    public async Task SubscribeAsync()
    {
        _blockIds = (await snapshots.BlockIdsAsync(eventId))?.ToImmutableHashSet(StringComparer.Ordinal)
            ?? throw new HubException($"There is no event '{eventId}'.");
        var provider = client.GetStreamProvider(SaleStreams.Provider);
        _seats = await provider.GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, eventId)).SubscribeAsync(OnSeatDeltaAsync);
        _queue = await provider.GetStream<QueueProgress>(StreamId.Create(SaleStreams.Queue, eventId)).SubscribeAsync(OnQueueProgressAsync);
        LogSubscribed(logger, eventId);
    }

    public async Task UnsubscribeAsync()
    {
        await DropHandlesAsync();
        LogUnsubscribed(logger, eventId);
    }

    public async Task ResubscribeAsync()
    {
        try
        {
            await DropHandlesAsync();
        }
        catch (Exception exception)
        {
            LogStaleUnsubscribeFailed(logger, exception, eventId);
        }

        await SubscribeAsync();
        await RefreshWatchersAsync();
    }

    private async Task DropHandlesAsync()
    {
        var (seats, queue) = (_seats, _queue);
        (_seats, _queue) = (null, null);
        await (seats?.UnsubscribeAsync() ?? Task.CompletedTask);
        await (queue?.UnsubscribeAsync() ?? Task.CompletedTask);
    }

    private async Task OnSeatDeltaAsync(SeatDelta delta, StreamSequenceToken? token)
    {
        await _turn.WaitAsync();
        try
        {
            switch (_history.Append(delta))
            {
                case DeltaFit.Next:
                    await push.SeatDeltaAsync(delta);
                    break;
                case DeltaFit.Gap:
                    LogGap(logger, eventId, delta.BlockId, delta.Version);
                    var snapshot = await snapshots.OfBlockAsync(eventId, delta.BlockId);
                    _history.Reset(snapshot.BlockId, snapshot.Version);
                    await push.SeatSnapshotAsync(snapshot);
                    break;
            }
        }
        catch (Exception exception)
        {
            // Never fail the stream: watchers that miss this delta see the gap and watch again.
            LogRelayFailed(logger, exception, eventId, delta.BlockId, delta.Version);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task OnQueueProgressAsync(QueueProgress progress, StreamSequenceToken? token)
    {
        try
        {
            await push.QueueProgressAsync(progress);
        }
        catch (Exception exception)
        {
            LogQueueRelayFailed(logger, exception, eventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relaying event {EventId} on this host")]
    private static partial void LogSubscribed(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped relaying event {EventId} on this host")]
    private static partial void LogUnsubscribed(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping the old subscriptions of event {EventId} failed")]
    private static partial void LogStaleUnsubscribeFailed(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deltas of {EventId}/{BlockId} before {Version} are missing; watchers get a snapshot")]
    private static partial void LogGap(ILogger logger, string eventId, string blockId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying delta {Version} of {EventId}/{BlockId} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string eventId, string blockId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying queue progress of {EventId} failed")]
    private static partial void LogQueueRelayFailed(ILogger logger, Exception exception, string eventId);
}
