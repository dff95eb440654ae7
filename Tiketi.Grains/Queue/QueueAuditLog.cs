using System.Collections.Immutable;
using Tiketi.Audit;

namespace Tiketi.Queue;

/// <summary>
/// What the queue keeps for the on-sale audit beyond the places themselves: each place's arrival second
/// and outcome time (seconds since the <see cref="Epoch"/>, 8 bytes a place), the exact times of the
/// silence sweeps that dropped buyers, and the counts. It answers the audit and a buyer's latest place.
/// </summary>
internal sealed class QueueAuditLog
{
    /// <summary>At most this many places per audit page: a page stays a few hundred kilobytes.</summary>
    public const int MaxPage = 10_000;

    /// <summary>
    /// At most this many buckets per timeline. Buckets are one second wide while that fits (an hour of
    /// sale), then widen to the next of 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30, 60 minutes, then whole hours.
    /// </summary>
    public const int MaxTimelineBuckets = 3_600;

    /// <summary>No outcome time: waiting or left.</summary>
    public const int None = int.MinValue;

    private static readonly int[] BucketWidths = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600];

    private readonly List<int> _arrivals = [];

    // Admitted: the admission second. Dropped: the index of the sweep's exact time in _dropTimes.
    private readonly List<int> _outcomeAt = [];
    private readonly List<DateTimeOffset> _dropTimes = [];

    /// <summary>Second zero of the compact times (the first arrival, to the second); default until then.</summary>
    public DateTimeOffset Epoch { get; set; }

    public long Admitted { get; private set; }

    public long Left { get; private set; }

    public long Dropped { get; private set; }

    public IReadOnlyList<DateTimeOffset> DropTimes => _dropTimes;

    public int Arrival(int seq) => _arrivals[seq];

    public void Reserve(int places)
    {
        _arrivals.EnsureCapacity(places);
        _outcomeAt.EnsureCapacity(places);
    }

    public int OutcomeAt(int seq) => _outcomeAt[seq];

    /// <summary>Seconds since the epoch, clamped to an int (68 years either way).</summary>
    public int Second(DateTimeOffset time) =>
        (int)Math.Clamp(Math.Floor((time - Epoch).TotalSeconds), int.MinValue + 1, int.MaxValue);

    public DateTimeOffset Time(int second) => Epoch.AddSeconds(second);

    public void Arrived(int arrivedSecond)
    {
        _arrivals.Add(arrivedSecond);
        _outcomeAt.Add(None);
    }

    /// <summary>A place read back with its outcome already settled.</summary>
    public void Restored(int arrivedSecond, QueueOutcome outcome, int outcomeAt)
    {
        _arrivals.Add(arrivedSecond);
        _outcomeAt.Add(outcomeAt);
        Count(outcome);
    }

    public void AdmittedAt(int seq, int second)
    {
        _outcomeAt[seq] = second;
        Admitted++;
    }

    public void LeftAt(int seq)
    {
        _outcomeAt[seq] = None;
        Left++;
    }

    /// <summary>Starts a sweep's drops at <paramref name="at"/>; returns its index for <see cref="DroppedBy"/>.</summary>
    public int Sweep(DateTimeOffset at)
    {
        _dropTimes.Add(at);
        return _dropTimes.Count - 1;
    }

    public void RestoreDropTime(DateTimeOffset at) => _dropTimes.Add(at);

    public void DroppedBy(int seq, int sweep)
    {
        _outcomeAt[seq] = sweep;
        Dropped++;
    }

    public DateTimeOffset DroppedAt(int seq) => _dropTimes[_outcomeAt[seq]];

    public QueueAuditEntry Place(QueuePlaces places, PreQueueLottery lottery, int seq)
    {
        var outcome = places.Outcome(seq);
        return new QueueAuditEntry(
            seq, places.Buyer(seq), Time(_arrivals[seq]), lottery.IsFromDraw(seq), outcome,
            outcome == QueueOutcome.Admitted && _outcomeAt[seq] != None ? Time(_outcomeAt[seq]) : null);
    }

    /// <summary>
    /// The audit: <c>Arrivals</c> counts places in queue order (a buyer who left and came back has two),
    /// <c>PreQueued</c> the buyers the draw placed (or, before it, those waiting for it), and
    /// <c>Order</c> holds places [<paramref name="offset"/>, +<paramref name="limit"/>). Timelines read every
    /// place: an operator's request, not a buyer's.
    /// </summary>
    public QueueAudit Audit(string eventId, bool lottery, QueuePlaces places, PreQueueLottery draw, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPage);
        var order = ImmutableArray.CreateBuilder<QueueAuditEntry>();
        for (var seq = offset; seq < places.Count && seq < (long)offset + limit; seq++)
        {
            order.Add(Place(places, draw, seq));
        }

        var admissions = Enumerable.Range(0, places.Count)
            .Where(seq => places.Outcome(seq) == QueueOutcome.Admitted && _outcomeAt[seq] != None)
            .Select(seq => _outcomeAt[seq]);
        return new QueueAudit(
            eventId, lottery, draw.Seed, draw.DrawnAt, draw.DrawnAt is null ? draw.Count : draw.Drawn, places.Count,
            Admitted, Left, Dropped, Timeline(_arrivals), Timeline(admissions), order.ToImmutable());
    }

    private ImmutableArray<TimeCount> Timeline(IEnumerable<int> seconds)
    {
        var present = seconds as IReadOnlyCollection<int> ?? seconds.ToList();
        if (present.Count == 0)
        {
            return [];
        }

        long first = present.Min();
        var span = present.Max() - first + 1;
        var width = BucketWidths.FirstOrDefault(w => (span + w - 1) / w <= MaxTimelineBuckets);
        if (width == 0)
        {
            width = (int)Math.Ceiling(span / (double)MaxTimelineBuckets / 3_600) * 3_600;
        }

        var buckets = new SortedDictionary<long, long>();
        foreach (var second in present)
        {
            var bucket = (second - first) / width;
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
        }

        return [.. buckets.Select(b => new TimeCount(Time((int)(first + (b.Key * width))), b.Value))];
    }

    private void Count(QueueOutcome outcome)
    {
        switch (outcome)
        {
            case QueueOutcome.Admitted:
                Admitted++;
                break;
            case QueueOutcome.Left:
                Left++;
                break;
            case QueueOutcome.Dropped:
                Dropped++;
                break;
        }
    }
}
