using System.Collections.Concurrent;

namespace Tiketi.Api.Live;

/// <summary>
/// This host's feeds, one per key, reference counted across connections: the first connection that
/// needs a key subscribes, the last one to let go unsubscribes. Changes to one key are serialized;
/// different keys never wait for each other.
/// </summary>
public abstract partial class FeedRegistry<TFeed>(ILogger logger)
    where TFeed : class, IStreamFeed
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many keys this host is subscribed to (or subscribing to) now.</summary>
    public int Count => _entries.Count;

    public bool IsActive(string key) => _entries.ContainsKey(key);

    /// <summary>The feed of a key some connection holds; null when none does.</summary>
    public TFeed? Find(string key) => _entries.TryGetValue(key, out var entry) ? entry.Feed : null;

    public async Task<TFeed> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(key, k => new Entry(Create(k)));
            await entry.Gate.WaitAsync(cancellationToken);
            try
            {
                if (entry.Retired)
                {
                    continue;
                }

                if (entry.Users == 0)
                {
                    try
                    {
                        await entry.Feed.SubscribeAsync();
                    }
                    catch
                    {
                        Retire(key, entry);
                        throw;
                    }
                }

                entry.Users++;
                return entry.Feed;
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    public async Task ReleaseAsync(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return;
        }

        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Retired || entry.Users == 0 || --entry.Users > 0)
            {
                return;
            }

            Retire(key, entry);
            await entry.Feed.UnsubscribeAsync();
        }
        catch (Exception exception)
        {
            // The cluster forgets a subscription whose client is gone; nothing more to do here.
            LogUnsubscribeFailed(logger, exception, typeof(TFeed).Name, key);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Resubscribes every feed in use, one after another; returns how many it renewed.</summary>
    public async Task<int> ResubscribeAllAsync(CancellationToken cancellationToken = default)
    {
        var renewed = 0;
        foreach (var (key, entry) in _entries)
        {
            await entry.Gate.WaitAsync(cancellationToken);
            try
            {
                if (!entry.Retired && entry.Users > 0)
                {
                    await entry.Feed.ResubscribeAsync();
                    renewed++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogResubscribeFailed(logger, exception, typeof(TFeed).Name, key);
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        return renewed;
    }

    protected abstract TFeed Create(string key);

    private void Retire(string key, Entry entry)
    {
        entry.Retired = true;
        _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing {Feed} {Key} failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string feed, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resubscribing {Feed} {Key} failed; its connections get no pushes until they watch again")]
    private static partial void LogResubscribeFailed(ILogger logger, Exception exception, string feed, string key);

    private sealed class Entry(TFeed feed)
    {
        public TFeed Feed { get; } = feed;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Retired { get; set; }
    }
}
