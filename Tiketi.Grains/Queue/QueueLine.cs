using Tiketi.Audit;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The rules of the waiting queue, free of Orleans: FIFO places (after an optional pre-queue lottery),
/// a token bucket for the admission rate, a cap on shoppers at once, slots freed by shoppers who
/// finish, idle or expire, and places freed by buyers gone silent.
/// </summary>
public sealed partial class QueueLine
{
    private readonly WaitingQueueState _state;
    private readonly Func<ulong> _drawSeed;
    private readonly Dictionary<string, long> _waiting = new(StringComparer.Ordinal);

    // Sequence numbers at or after Head whose buyer left; kept sorted for counting people ahead.
    private readonly List<long> _left = [];
    private readonly WaitEstimate _estimate = new();
    private int _active;

    public QueueLine(WaitingQueueState state, Func<ulong>? drawSeed = null)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _drawSeed = drawSeed ?? DrawSeed;
        BackfillAudit();
        _seen.AddRange(Enumerable.Repeat(Unseen, state.Entries.Count));
        for (var seq = (int)state.Head; seq < state.Entries.Count; seq++)
        {
            if (state.Entries[seq] is { } buyer && state.Outcomes[seq] == (byte)QueueOutcome.Waiting)
            {
                _waiting[buyer] = seq;
            }
            else
            {
                _left.Add(seq);
            }
        }

        RebuildPreQueue();
        _active = state.Admitted.Values.Count(a => !a.SlotFreed);
    }

    public long Waiting => _waiting.Count;

    public int Active => _active;

    public Result<QueueStatus> Join(string buyerId, DateTimeOffset now)
    {
        OpenIfDue(now);
        var current = Status(buyerId, now);
        if (current.State is QueueState.Waiting or QueueState.Admitted or QueueState.PreQueue)
        {
            Seen(buyerId, now);
            return Result<QueueStatus>.Ok(current);
        }

        if (_state.SoldOut)
        {
            return Result<QueueStatus>.Fail(Reasons.SoldOut, "The sale is sold out.");
        }

        if (_state.Schedule is { Mode: QueueMode.Lottery } schedule && _state.ShuffledAt is null && now < schedule.SaleOpensAt)
        {
            return now < schedule.PreQueueOpensAt
                ? Result<QueueStatus>.Fail(Reasons.PreQueueNotOpen, $"The waiting room opens at {schedule.PreQueueOpensAt:O}; everyone there by the sale's opening gets a random place.")
                : Result<QueueStatus>.Ok(JoinPreQueue(buyerId, now));
        }

        FreeSlot(buyerId, forget: true);
        _state.Dropped.Remove(buyerId);
        Append(buyerId, Second(now), Second(now));
        return Result<QueueStatus>.Ok(Status(buyerId, now));
    }

    public bool Leave(string buyerId)
    {
        if (_waiting.Remove(buyerId, out var seq))
        {
            _state.Outcomes[(int)seq] = (byte)QueueOutcome.Left;
            var at = _left.BinarySearch(seq);
            _left.Insert(at < 0 ? ~at : at, seq);
            return true;
        }

        return LeavePreQueue(buyerId) || FreeSlot(buyerId, forget: true);
    }

    /// <summary>A shopper finished: the slot goes to the next buyer; the pass stays valid for more purchases.</summary>
    public bool Complete(string buyerId) => FreeSlot(buyerId, forget: false);

    public bool Touch(string buyerId, DateTimeOffset now)
    {
        if (!_state.Admitted.TryGetValue(buyerId, out var admission) || admission.SlotFreed)
        {
            return false;
        }

        var until = Min(now + _state.Settings.IdleTimeout, admission.PassExpiresAt);
        var changed = until > admission.IdleUntil;
        admission.IdleUntil = Max(until, admission.IdleUntil);
        return changed;
    }

    public QueueStatus Status(string buyerId, DateTimeOffset now)
    {
        if (_waiting.TryGetValue(buyerId, out var seq))
        {
            if (_state.SoldOut)
            {
                return new QueueStatus(QueueState.SoldOut, 0, 0, TimeSpan.Zero, null, null);
            }

            var ahead = seq - _state.Head - LeftBefore(seq);
            return new QueueStatus(QueueState.Waiting, ahead + 1, ahead, _estimate.For(ahead, _state.Settings, _active, now), null, null);
        }

        if (_preIndex.ContainsKey(buyerId))
        {
            return new QueueStatus(_state.SoldOut ? QueueState.SoldOut : QueueState.PreQueue, 0, 0, TimeSpan.Zero, null, null, _state.Schedule?.SaleOpensAt);
        }

        if (_state.Admitted.TryGetValue(buyerId, out var admission))
        {
            return admission.PassExpiresAt > now && (!admission.SlotFreed || admission.IdleUntil > now)
                ? new QueueStatus(QueueState.Admitted, 0, 0, TimeSpan.Zero, null, admission.PassExpiresAt)
                : new QueueStatus(QueueState.Expired, 0, 0, TimeSpan.Zero, null, admission.PassExpiresAt);
        }

        if (_state.Dropped.TryGetValue(buyerId, out var droppedAt))
        {
            return new QueueStatus(QueueState.Dropped, 0, 0, TimeSpan.Zero, null, null, null, Reasons.QueueSilenceDropped, droppedAt);
        }

        return new QueueStatus(QueueState.NotInQueue, 0, 0, TimeSpan.Zero, null, null);
    }

    /// <summary>Gives the buyer a place at the end of the queue, with the audit's arrival second.</summary>
    private void Append(string buyerId, int arrivedAt, int seenAt)
    {
        var seq = _state.Entries.Count;
        _waiting[buyerId] = seq;
        _state.Entries.Add(buyerId);
        _state.Arrivals.Add(arrivedAt);
        _state.Outcomes.Add((byte)QueueOutcome.Waiting);
        _state.AdmittedAts.Add(NotAdmitted);
        _seen.Add(seenAt);
    }
}
