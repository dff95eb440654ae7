using System.Security.Cryptography;

namespace Tiketi.Queue;

/// <summary>The pre-queue of a lottery sale and the draw that turns it into places at the opening.</summary>
public sealed partial class QueueLine
{
    // Pre-queued buyer -> index in PreQueue; their last-seen second, parallel to PreQueue (memory only).
    private readonly Dictionary<string, int> _preIndex = new(StringComparer.Ordinal);
    private readonly List<int> _preSeen = [];

    public long PreQueued => _preIndex.Count;

    /// <summary>The event's mode and opening. A draw already made stays made.</summary>
    public void Schedule(QueueSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _state.Schedule = schedule;
    }

    /// <summary>
    /// At the opening (or once the event no longer wants a lottery) the pre-queue is drawn into places,
    /// ahead of everyone who joins later. Returns whether it drew.
    /// </summary>
    public bool OpenIfDue(DateTimeOffset now)
    {
        var schedule = _state.Schedule;
        if (_state.ShuffledAt is not null || schedule is null
            || (schedule.Mode == QueueMode.Lottery && now < schedule.SaleOpensAt)
            || (schedule.Mode != QueueMode.Lottery && _preIndex.Count == 0))
        {
            return false;
        }

        var seed = _drawSeed();
        var arrivals = new Dictionary<string, (int Arrived, int Seen)>(_preIndex.Count, StringComparer.Ordinal);
        foreach (var (buyer, index) in _preIndex)
        {
            arrivals[buyer] = (_state.PreQueueArrivals[index], _preSeen[index]);
        }

        _state.ShuffleSeed = seed;
        _state.ShuffledAt = now;
        _state.PreQueueStart = _state.Entries.Count;
        _state.PreQueued = arrivals.Count;
        foreach (var buyer in QueueShuffle.Order(arrivals.Keys, seed))
        {
            var (arrived, seen) = arrivals[buyer];
            Append(buyer, arrived, seen);
        }

        _state.PreQueue = [];
        _state.PreQueueArrivals = [];
        _preIndex.Clear();
        _preSeen.Clear();
        return true;
    }

    private QueueStatus JoinPreQueue(string buyerId, DateTimeOffset now)
    {
        _state.Dropped.Remove(buyerId);
        FreeSlot(buyerId, forget: true);
        _preIndex[buyerId] = _state.PreQueue.Count;
        _state.PreQueue.Add(buyerId);
        _state.PreQueueArrivals.Add(Second(now));
        _preSeen.Add(Second(now));
        return Status(buyerId, now);
    }

    private bool LeavePreQueue(string buyerId)
    {
        if (!_preIndex.Remove(buyerId, out var index))
        {
            return false;
        }

        _state.PreQueue[index] = null;
        return true;
    }

    private void RebuildPreQueue()
    {
        for (var i = 0; i < _state.PreQueue.Count; i++)
        {
            if (_state.PreQueue[i] is { } buyer)
            {
                _preIndex[buyer] = i;
            }

            _preSeen.Add(Unseen);
        }

        // Lists written by an older build may be shorter; an unknown arrival counts as the epoch.
        while (_state.PreQueueArrivals.Count < _state.PreQueue.Count)
        {
            _state.PreQueueArrivals.Add(0);
        }
    }

    private static ulong DrawSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
}
