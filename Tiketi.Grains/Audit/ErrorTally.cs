using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tiketi.Audit;

namespace Tiketi.Audit;

/// <summary>
/// This silo's failed answers per event, code and minute, counted in memory so that the hot path never
/// makes a grain call to count. <see cref="Drain"/> hands the counts since the last drain to the flusher.
/// </summary>
public sealed class ErrorTally
{
    // Buckets older than this are dropped once drained: nothing counts into them any more.
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<(string EventId, string Code, DateTimeOffset Minute), StrongBox> _counts = new();

    public void Count(string eventId, string code, DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var box = _counts.GetOrAdd((eventId, code, minute), static _ => new StrongBox());
        Interlocked.Increment(ref box.Value);
    }

    /// <summary>Takes the counts since the last drain, per event.</summary>
    public Dictionary<string, ImmutableArray<ErrorCount>> Drain(DateTimeOffset now)
    {
        var drained = new Dictionary<string, List<ErrorCount>>(StringComparer.Ordinal);
        foreach (var (key, box) in _counts)
        {
            var count = Interlocked.Exchange(ref box.Value, 0);
            if (count > 0)
            {
                (drained.TryGetValue(key.EventId, out var list) ? list : drained[key.EventId] = []).Add(new ErrorCount(key.Code, key.Minute, count));
            }
            else if (now - key.Minute > Retention)
            {
                _counts.TryRemove(key, out _);
            }
        }

        return drained.ToDictionary(d => d.Key, d => d.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>Puts counts back that could not be flushed, so the next flush carries them.</summary>
    public void Restore(string eventId, ImmutableArray<ErrorCount> counts)
    {
        foreach (var count in counts)
        {
            var box = _counts.GetOrAdd((eventId, count.Code, count.Minute), static _ => new StrongBox());
            Interlocked.Add(ref box.Value, count.Count);
        }
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
