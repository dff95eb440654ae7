namespace Tiketi.Queue;

/// <summary>
/// Waiting places ordered by when their buyer was last seen (a join or a status read), so the sweep
/// takes the silent ones from the front and stops at the first buyer still within the limit: it costs
/// O(places dropped), never a pass over everyone waiting. A doubly linked list threaded through three
/// int arrays indexed by sequence number (12 bytes a place); seeing a buyer moves their place to the back.
/// Last-seen times live in memory only: a durable write per poll would cost the queue a write per poll.
/// After a reactivation nobody has been seen yet; everyone's grace restarts at the first sweep.
/// </summary>
internal sealed class SilenceSweep
{
    /// <summary>How often the tick looks for silent buyers: a small fraction of the shortest allowed limit.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Not seen since the activation: judged from the first sweep on.</summary>
    public const int Unseen = int.MinValue;

    private const int None = -1;

    private readonly List<int> _seen = [];
    private readonly List<int> _previous = [];
    private readonly List<int> _next = [];
    private int _first = None;
    private int _last = None;
    private int? _graceFrom;
    private DateTimeOffset _nextSweep;

    public void Reserve(int places)
    {
        _seen.EnsureCapacity(places);
        _previous.EnsureCapacity(places);
        _next.EnsureCapacity(places);
    }

    /// <summary>Links a new waiting place at the back.</summary>
    public void Add(int seq, int seenSecond)
    {
        Grow(seq);
        _seen[seq] = seenSecond;
        LinkLast(seq);
    }

    /// <summary>
    /// Links places whose buyers were last seen at different times (a lottery's draw), merged into the
    /// order by last-seen time so the front stays the most silent. Once per draw: O((n + k) log k).
    /// </summary>
    public void AddSeenEarlier(IReadOnlyList<(int Seq, int Seen)> places)
    {
        var pending = places.OrderBy(p => Effective(p.Seen)).ToList();
        var at = _first;
        var i = 0;
        while (i < pending.Count)
        {
            var (seq, seen) = pending[i];
            if (at != None && Effective(_seen[at]) <= Effective(seen))
            {
                at = _next[at];
                continue;
            }

            Grow(seq);
            _seen[seq] = seen;
            if (at == None)
            {
                LinkLast(seq);
            }
            else
            {
                LinkBefore(seq, at);
            }

            i++;
        }
    }

    /// <summary>The buyer of a waiting place was seen: the place moves to the back.</summary>
    public void Seen(int seq, int second)
    {
        if (seq >= _seen.Count || !IsLinked(seq))
        {
            return;
        }

        Unlink(seq);
        _seen[seq] = second;
        LinkLast(seq);
    }

    /// <summary>The place no longer waits (admitted, left or dropped).</summary>
    public void Remove(int seq)
    {
        if (seq < _seen.Count && IsLinked(seq))
        {
            Unlink(seq);
        }
    }

    /// <summary>
    /// At most once per <see cref="Interval"/>: the places whose buyers have been silent for
    /// <paramref name="limitSeconds"/> or longer, front first, unlinked. Empty between sweeps.
    /// </summary>
    public List<int> TakeSilent(DateTimeOffset now, int nowSecond, long limitSeconds)
    {
        var silent = new List<int>();
        if (now < _nextSweep)
        {
            return silent;
        }

        _nextSweep = now + Interval;
        _graceFrom ??= nowSecond;
        while (_first != None && (long)nowSecond - Effective(_seen[_first]) >= limitSeconds)
        {
            var seq = _first;
            Unlink(seq);
            silent.Add(seq);
        }

        return silent;
    }

    private long Effective(int seen) => seen == Unseen ? _graceFrom ?? int.MaxValue : seen;

    private bool IsLinked(int seq) => _first == seq || _previous[seq] != None;

    private void Grow(int seq)
    {
        while (_seen.Count <= seq)
        {
            _seen.Add(Unseen);
            _previous.Add(None);
            _next.Add(None);
        }
    }

    private void LinkLast(int seq)
    {
        _previous[seq] = _last;
        _next[seq] = None;
        if (_last == None)
        {
            _first = seq;
        }
        else
        {
            _next[_last] = seq;
        }

        _last = seq;
    }

    private void LinkBefore(int seq, int at)
    {
        var before = _previous[at];
        _previous[seq] = before;
        _next[seq] = at;
        _previous[at] = seq;
        if (before == None)
        {
            _first = seq;
        }
        else
        {
            _next[before] = seq;
        }
    }

    private void Unlink(int seq)
    {
        var (before, after) = (_previous[seq], _next[seq]);
        if (before == None)
        {
            _first = after;
        }
        else
        {
            _next[before] = after;
        }

        if (after == None)
        {
            _last = before;
        }
        else
        {
            _previous[after] = before;
        }

        _previous[seq] = None;
        _next[seq] = None;
    }
}
