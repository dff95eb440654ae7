using System.Collections.Immutable;
using Tiketi.Audit;

namespace Tiketi.Queue;

/// <summary>What the queue tells the on-sale audit: counts, timelines, the draw, and places in queue order.</summary>
public sealed partial class QueueLine
{
    /// <summary>At most this many places per audit page: a page stays a few hundred kilobytes.</summary>
    public const int MaxAuditPage = 10_000;

    /// <summary>
    /// At most this many buckets per timeline. Buckets are one second wide while that fits (an hour of
    /// sale), then widen to the next of 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30, 60 minutes, then whole hours.
    /// </summary>
    public const int MaxTimelineBuckets = 3_600;

    private const int NotAdmitted = int.MinValue;

    private static readonly int[] BucketWidths = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600];

    /// <summary>
    /// The audit: <c>Arrivals</c> counts places in queue order (a buyer who left and came back has two),
    /// <c>PreQueued</c> the buyers the draw placed (or, before it, those waiting for it), and
    /// <c>Order</c> holds places [<paramref name="orderOffset"/>, +<paramref name="orderLimit"/>).
    /// </summary>
    public QueueAudit Audit(string eventId, int orderOffset, int orderLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orderOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(orderLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orderLimit, MaxAuditPage);
        var counts = new long[4];
        foreach (var outcome in _state.Outcomes)
        {
            counts[outcome]++;
        }

        var order = ImmutableArray.CreateBuilder<QueueAuditEntry>();
        for (var seq = orderOffset; seq < _state.Entries.Count && seq < (long)orderOffset + orderLimit; seq++)
        {
            order.Add(Place(seq));
        }

        return new QueueAudit(
            eventId, _state.Schedule?.Mode == QueueMode.Lottery, _state.ShuffleSeed, _state.ShuffledAt,
            _state.ShuffledAt is null ? _preIndex.Count : _state.PreQueued, _state.Entries.Count,
            counts[(int)QueueOutcome.Admitted], counts[(int)QueueOutcome.Left], counts[(int)QueueOutcome.Dropped],
            Timeline(_state.Arrivals), Timeline(_state.AdmittedAts), order.ToImmutable());
    }

    /// <summary>The buyer's latest place; before the draw a pre-queued buyer's entry has sequence -1.</summary>
    public QueueAuditEntry? FindPlace(string buyerId)
    {
        if (_preIndex.TryGetValue(buyerId, out var index))
        {
            return new QueueAuditEntry(-1, buyerId, Time(_state.PreQueueArrivals[index]), true, QueueOutcome.Waiting, null);
        }

        var seq = _waiting.TryGetValue(buyerId, out var waiting) ? (int)waiting : _state.Entries.LastIndexOf(buyerId);
        return seq < 0 ? null : Place(seq);
    }

    private QueueAuditEntry Place(int seq)
    {
        var admittedAt = _state.AdmittedAts[seq];
        return new QueueAuditEntry(
            seq, _state.Entries[seq] ?? "", Time(_state.Arrivals[seq]),
            seq >= _state.PreQueueStart && seq < _state.PreQueueStart + _state.PreQueued,
            (QueueOutcome)_state.Outcomes[seq], admittedAt == NotAdmitted ? null : Time(admittedAt));
    }

    private ImmutableArray<TimeCount> Timeline(List<int> seconds)
    {
        var present = seconds.Where(s => s != NotAdmitted).ToList();
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

    private DateTimeOffset Time(int second) => _state.Epoch.AddSeconds(second);

    /// <summary>Queues written before the audit existed get audit lists that say what is still known.</summary>
    private void BackfillAudit()
    {
        for (var seq = _state.Outcomes.Count; seq < _state.Entries.Count; seq++)
        {
            _state.Outcomes.Add((byte)(_state.Entries[seq] is null ? QueueOutcome.Left : QueueOutcome.Waiting));
        }

        while (_state.Arrivals.Count < _state.Entries.Count)
        {
            _state.Arrivals.Add(0);
        }

        while (_state.AdmittedAts.Count < _state.Entries.Count)
        {
            _state.AdmittedAts.Add(NotAdmitted);
        }
    }
}
