using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The rules of the waiting queue, free of Orleans: FIFO places, a token bucket for the admission
/// rate, a cap on shoppers at once, and slots freed by shoppers who finish, idle or expire.
/// </summary>
public sealed partial class QueueLine
{
    private readonly WaitingQueueState _state;
    private readonly Dictionary<string, long> _waiting = new(StringComparer.Ordinal);

    // Sequence numbers at or after Head whose buyer left; kept sorted for counting people ahead.
    private readonly List<long> _left = [];
    private int _active;

    public QueueLine(WaitingQueueState state)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        for (var seq = (int)state.Head; seq < state.Entries.Count; seq++)
        {
            if (state.Entries[seq] is { } buyer)
            {
                _waiting[buyer] = seq;
            }
            else
            {
                _left.Add(seq);
            }
        }

        _active = state.Admitted.Values.Count(a => !a.SlotFreed);
    }

    public long Waiting => _waiting.Count;

    public int Active => _active;

    public Result<QueueStatus> Join(string buyerId, DateTimeOffset now)
    {
        var current = Status(buyerId, now);
        if (current.State is QueueState.Waiting or QueueState.Admitted)
        {
            return Result<QueueStatus>.Ok(current);
        }

        if (_state.SoldOut)
        {
            return Result<QueueStatus>.Fail(Reasons.SoldOut, "The sale is sold out.");
        }

        FreeSlot(buyerId, forget: true);
        _waiting[buyerId] = _state.Entries.Count;
        _state.Entries.Add(buyerId);
        return Result<QueueStatus>.Ok(Status(buyerId, now));
    }

    public bool Leave(string buyerId)
    {
        if (_waiting.Remove(buyerId, out var seq))
        {
            _state.Entries[(int)seq] = null;
            var at = _left.BinarySearch(seq);
            _left.Insert(at < 0 ? ~at : at, seq);
            return true;
        }

        return FreeSlot(buyerId, forget: true);
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
            var rate = Math.Max(_state.Settings.AdmissionsPerSecond, 0.001);
            return new QueueStatus(QueueState.Waiting, ahead + 1, ahead, TimeSpan.FromSeconds(Math.Min(ahead / rate, 864_000)), null, null);
        }

        if (_state.Admitted.TryGetValue(buyerId, out var admission))
        {
            return admission.PassExpiresAt > now && (!admission.SlotFreed || admission.IdleUntil > now)
                ? new QueueStatus(QueueState.Admitted, 0, 0, TimeSpan.Zero, null, admission.PassExpiresAt)
                : new QueueStatus(QueueState.Expired, 0, 0, TimeSpan.Zero, null, admission.PassExpiresAt);
        }

        return new QueueStatus(QueueState.NotInQueue, 0, 0, TimeSpan.Zero, null, null);
    }
}
