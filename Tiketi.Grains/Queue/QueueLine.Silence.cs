using Tiketi.Audit;

namespace Tiketi.Queue;

/// <summary>
/// Places of buyers gone silent. Last-seen seconds live in memory only, one int per place: a durable
/// write per status read would cost the queue a write per poll. After a reactivation nobody has been
/// seen yet, so everyone's grace restarts at the first sweep.
/// </summary>
public sealed partial class QueueLine
{
    /// <summary>How often the tick looks for silent buyers: cheap enough for a million places, and a
    /// small fraction of the shortest allowed limit.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private const int Unseen = int.MinValue;

    // Last-seen second per sequence number, parallel to Entries.
    private readonly List<int> _seen = [];
    private DateTimeOffset _nextSweep;

    /// <summary>The buyer showed they are still there (a join or a status read).</summary>
    public void Seen(string buyerId, DateTimeOffset now)
    {
        if (_waiting.TryGetValue(buyerId, out var seq))
        {
            _seen[(int)seq] = Second(now);
        }
        else if (_preIndex.TryGetValue(buyerId, out var index))
        {
            _preSeen[index] = Second(now);
        }
    }

    /// <summary>
    /// Frees the places of waiting buyers silent for the limit or longer, at most once per
    /// <see cref="SweepInterval"/>, and returns how many. Pre-queued buyers are not swept: the
    /// draw carries their last-seen time into their place, and the next sweep judges them there.
    /// </summary>
    public int DropSilent(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return 0;
        }

        _nextSweep = now + SweepInterval;
        var nowSecond = Second(now);
        var limit = (long)Math.Ceiling(_state.Settings.EffectiveSilenceLimit.TotalSeconds);
        var dropped = new List<long>();
        foreach (var (buyer, seq) in _waiting)
        {
            var seen = _seen[(int)seq];
            if (seen == Unseen)
            {
                _seen[(int)seq] = nowSecond;
            }
            else if ((long)nowSecond - seen >= limit)
            {
                dropped.Add(seq);
            }
        }

        foreach (var seq in dropped)
        {
            var buyer = _state.Entries[(int)seq]!;
            _waiting.Remove(buyer);
            _state.Outcomes[(int)seq] = (byte)QueueOutcome.Dropped;
            _state.Dropped[buyer] = now;
        }

        if (dropped.Count > 0)
        {
            _left.AddRange(dropped);
            _left.Sort();
        }

        return dropped.Count;
    }

    /// <summary>Seconds since the queue's epoch, which the first arrival sets.</summary>
    private int Second(DateTimeOffset time)
    {
        if (_state.Epoch == default)
        {
            _state.Epoch = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }

        return (int)Math.Clamp(Math.Floor((time - _state.Epoch).TotalSeconds), int.MinValue + 1, int.MaxValue);
    }
}
