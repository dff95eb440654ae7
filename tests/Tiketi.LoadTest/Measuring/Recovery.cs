namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// How long a fault cost the rush: the rate before it (the mean successes per second of the
/// <see cref="Window"/> seconds before the fault's second) and the seconds from the fault until a second
/// reaches <see cref="Share"/> of that rate again.
/// </summary>
public static class Recovery
{
    public const int Window = 5;
    public const double Share = 0.8;

    /// <returns>The rate before the fault, and the recovery in whole seconds (null: never recovered, or no rate before).</returns>
    public static (double RateBefore, int? Seconds) Of(IReadOnlyList<long> okPerSecond, int faultSecond)
    {
        ArgumentNullException.ThrowIfNull(okPerSecond);
        var from = Math.Max(0, faultSecond - Window);
        var before = Enumerable.Range(from, Math.Max(0, Math.Min(faultSecond, okPerSecond.Count) - from)).Select(s => okPerSecond[s]).ToList();
        if (before.Count == 0 || before.Average() <= 0)
        {
            return (0, null);
        }

        var rate = before.Average();
        for (var s = faultSecond; s < okPerSecond.Count; s++)
        {
            if (okPerSecond[s] >= Share * rate)
            {
                return (rate, s - faultSecond);
            }
        }

        return (rate, null);
    }

    /// <summary>Successes per second of several operations, added up.</summary>
    public static long[] Sum(IEnumerable<long[]> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = series.ToList();
        var total = new long[all.Count == 0 ? 0 : all.Max(s => s.Length)];
        foreach (var one in all)
        {
            for (var i = 0; i < one.Length; i++)
            {
                total[i] += one[i];
            }
        }

        return total;
    }
}
