using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tiketi.Common;

namespace Tiketi.Events;

/// <summary>
/// This silo's copy of the events buyers hold in, so a hold does not call the event grain. Only an event
/// on sale is served from here: its definition can no longer change (only a draft's can), so the one
/// thing that can be stale is its status, and only towards closed or cancelled. An entry younger than
/// <see cref="SaleOptions.EventCacheRefresh"/> is served as it is; up to four times that, it is served
/// while one background read renews it; older still, or not on sale (a draft about to open, a closed
/// sale, an unknown event), the event grain is read before answering, so an opening is seen at once.
/// What a stale entry can let through, and why that is safe: a cancelled event's blocks are closed
/// and refuse holds themselves; a sale's window is times, checked on the hold's own clock; so the only
/// gap is a hold granted within the staleness bound after an operator closed the sale by hand on
/// another silo, an ordinary hold on seats still on sale that pays or expires as any other. The event
/// grain also pushes each change into the cache of its own silo.
/// </summary>
public sealed class EventCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Func<string, Task<EventInfo?>> _read;
    private readonly TimeSpan _refresh;
    private readonly TimeProvider _time;

    public EventCache(IGrainFactory grains, IOptions<SaleOptions> options)
        : this(id => grains.GetGrain<IEventGrain>(id).GetAsync(), options?.Value.EventCacheRefresh ?? SaleOptions.DefaultEventCacheRefresh, TimeProvider.System)
    {
    }

    public EventCache(Func<string, Task<EventInfo?>> read, TimeSpan refresh, TimeProvider time)
    {
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _refresh = refresh;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How long an entry may be served at most after it was read (four refresh periods).</summary>
    public TimeSpan MaxStaleness => _refresh * 4;

    public ValueTask<EventInfo?> GetAsync(string eventId)
    {
        if (_entries.TryGetValue(eventId, out var entry) && entry.Info is { Status: EventStatus.OnSale } info)
        {
            var age = _time.GetElapsedTime(entry.ReadAt);
            if (age < _refresh)
            {
                return ValueTask.FromResult<EventInfo?>(info);
            }

            if (age < MaxStaleness)
            {
                RenewInBackground(eventId, entry);
                return ValueTask.FromResult<EventInfo?>(info);
            }
        }

        return new ValueTask<EventInfo?>(ReadAsync(eventId));
    }

    /// <summary>The event grain says what it just became; an older revision than the cached one is ignored.</summary>
    public void Update(EventInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var fresh = new Entry(info, _time.GetTimestamp());
        _entries.AddOrUpdate(info.EventId, fresh, (_, old) => old.Info is { } known && known.Revision > info.Revision ? old : fresh);
    }

    private async Task<EventInfo?> ReadAsync(string eventId)
    {
        var readAt = _time.GetTimestamp();
        var info = await _read(eventId);
        if (info is not null)
        {
            var fresh = new Entry(info, readAt);
            _entries.AddOrUpdate(eventId, fresh, (_, old) => old.Info is { } known && known.Revision > info.Revision ? old : fresh);
        }

        return info;
    }

    private void RenewInBackground(string eventId, Entry entry)
    {
        if (Interlocked.Exchange(ref entry.Renewing, 1) == 1)
        {
            return;
        }

        // Off the calling grain's scheduler, and without its request context: the renewal belongs to no hold.
        using var _ = ExecutionContext.SuppressFlow();
        Task.Run(async () =>
        {
            try
            {
                await ReadAsync(eventId);
            }
            catch (Exception)
            {
                // The entry keeps aging; past the staleness bound the next hold reads the event itself.
            }
            finally
            {
                Volatile.Write(ref entry.Renewing, 0);
            }
        }).Ignore();
    }

    private sealed class Entry(EventInfo info, long readAt)
    {
        public EventInfo Info { get; } = info;

        public long ReadAt { get; } = readAt;

        public int Renewing;
    }
}
