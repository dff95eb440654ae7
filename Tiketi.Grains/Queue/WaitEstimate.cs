namespace Tiketi.Queue;

/// <summary>
/// How long the buyers ahead take to get in. Below the cap on shoppers at once, admissions run at the
/// configured rate. With the cap full they run only as fast as shoppers leave, so the estimate uses the
/// rate admissions really ran at over the last minute; and since every pass ends within its lifetime,
/// never less than cap ÷ pass lifetime (the slowest the line can move while it is full). Kept in memory
/// only, but replaying the journal records its admissions again, so a reactivated queue estimates as before.
/// </summary>
public sealed class WaitEstimate
{
    public const int WindowSeconds = 60;

    /// <summary>The longest wait ever promised: ten days, as before.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(864_000);

    private readonly int[] _admitted = new int[WindowSeconds];
    private readonly long[] _second = new long[WindowSeconds];

    /// <summary>Counts admissions made at <paramref name="now"/>.</summary>
    public void Record(DateTimeOffset now, int admitted)
    {
        if (admitted <= 0)
        {
            return;
        }

        var second = now.ToUnixTimeSeconds();
        var slot = (int)(second % WindowSeconds);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _admitted[slot] = 0;
        }

        _admitted[slot] += admitted;
    }

    /// <summary>Admissions per second over the last minute (0 when none).</summary>
    public double ObservedRate(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var total = 0;
        for (var i = 0; i < WindowSeconds; i++)
        {
            if (second - _second[i] < WindowSeconds)
            {
                total += _admitted[i];
            }
        }

        return total / (double)WindowSeconds;
    }

    public TimeSpan For(long ahead, QueueSettings settings, int active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rate = Math.Max(settings.AdmissionsPerSecond, 0.001);
        if (active >= settings.MaxActiveShoppers)
        {
            var floor = settings.MaxActiveShoppers / Math.Max(settings.PassLifetime.TotalSeconds, 1);
            rate = Math.Min(rate, Math.Max(ObservedRate(now), floor));
        }

        return ahead <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(ahead / Math.Max(rate, 0.001), Longest.TotalSeconds));
    }
}
