using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// One kind of request (join, hold, checkout, ...): a latency histogram in microseconds, and a count
/// per outcome ("ok" or a reason code). Safe to record from any thread.
/// </summary>
public sealed class OperationStats(string name, long originTicks)
{
    public const string Ok = "ok";

    /// <summary>1 µs to 10 minutes at 3 significant digits: HdrHistogram's usual setting for latencies.</summary>
    private const long HighestMicros = 600_000_000;

    private readonly LongConcurrentHistogram _all = new(1, HighestMicros, 3);
    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);

    // Successes per second of the run (4 hours at most), for peak and sustained rates.
    private readonly long[] _okPerSecond = new long[4 * 3600];
    private long _firstTicks = long.MaxValue;
    private long _lastTicks = long.MinValue;
    private long _count;
    private long _okCount;

    public string Name { get; } = name;

    public long Count => Interlocked.Read(ref _count);

    public long OkCount => Interlocked.Read(ref _okCount);

    public IReadOnlyDictionary<string, long> Outcomes => _outcomes;

    public HistogramBase Latencies => _all;

    /// <summary>Seconds between the first and the last completion: the window the operation was active in.</summary>
    public double ActiveSeconds
    {
        get
        {
            var first = Interlocked.Read(ref _firstTicks);
            var last = Interlocked.Read(ref _lastTicks);
            return last > first ? (double)(last - first) / Stopwatch.Frequency : 0;
        }
    }

    /// <summary>Successes in each second of the run, up to the last second with any.</summary>
    public long[] OkPerSecond()
    {
        var last = Array.FindLastIndex(_okPerSecond, n => n > 0);
        return _okPerSecond[..(last + 1)];
    }

    /// <summary>
    /// The rate the operation sustained while it was busy: the mean of the seconds that reached at
    /// least half the peak second, so a slow start or tail (a queue draining, holds expiring) does not
    /// dilute it.
    /// </summary>
    public (double Peak, double Sustained) Rates()
    {
        var seconds = OkPerSecond();
        if (seconds.Length == 0)
        {
            return (0, 0);
        }

        var peak = seconds.Max();
        var busy = seconds.Where(n => n * 2 >= peak).ToList();
        return (peak, busy.Average());
    }

    /// <summary>Records one completed request that started at <paramref name="startedTicks"/> (Stopwatch ticks).</summary>
    public void Record(long startedTicks, string outcome)
    {
        var now = Stopwatch.GetTimestamp();
        var micros = Math.Clamp((now - startedTicks) * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros);
        _all.RecordValue(micros);
        _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _count);
        if (outcome == Ok)
        {
            Interlocked.Increment(ref _okCount);
            var second = (now - originTicks) / Stopwatch.Frequency;
            if (second >= 0 && second < _okPerSecond.Length)
            {
                Interlocked.Increment(ref _okPerSecond[second]);
            }
        }

        Min(ref _firstTicks, now);
        Max(ref _lastTicks, now);
    }

    private static void Min(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value < current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }

    private static void Max(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }
}
