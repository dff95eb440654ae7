using Tiketi.Audit;

namespace Tiketi.Queue;

/// <summary>Admission: the rate limiter, the active cap, and expiry of idle shoppers.</summary>
public sealed partial class QueueLine
{
    /// <summary>Admits whoever is due at <paramref name="now"/> and returns the buyers admitted.</summary>
    public List<string> Admit(DateTimeOffset now)
    {
        var settings = _state.Settings;
        OpenIfDue(now);
        ExpireShoppers(now);
        var admitted = new List<string>();
        if (_state.LastTick == default || now < _state.LastTick)
        {
            _state.LastTick = now;
            return admitted;
        }

        // Unused capacity is kept for about one second, so a quiet minute does not allow a burst. The
        // extra token keeps the fraction carried between ticks (ticks are at most a second apart).
        var elapsed = (now - _state.LastTick).TotalSeconds;
        _state.Tokens = Math.Min(_state.Tokens + (elapsed * settings.AdmissionsPerSecond), Math.Max(settings.AdmissionsPerSecond, 1) + 1);
        _state.LastTick = now;
        if (_state.SoldOut)
        {
            return admitted;
        }

        while (_state.Tokens >= 1 && _active < settings.MaxActiveShoppers && _waiting.Count > 0)
        {
            var seq = (int)_state.Head++;
            if (_state.Outcomes[seq] != (byte)QueueOutcome.Waiting || _state.Entries[seq] is not { } buyer)
            {
                continue;
            }

            _state.Outcomes[seq] = (byte)QueueOutcome.Admitted;
            _state.AdmittedAts[seq] = Second(now);
            _waiting.Remove(buyer);
            _state.Admitted[buyer] = new Admission
            {
                PassExpiresAt = now + settings.PassLifetime,
                IdleUntil = Min(now + settings.IdleTimeout, now + settings.PassLifetime),
            };
            _state.Tokens -= 1;
            _state.AdmittedTotal++;
            _active++;
            admitted.Add(buyer);
        }

        DropLeftBeforeHead();
        _estimate.Record(now, admitted.Count);
        return admitted;
    }

    public void Configure(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SilenceLimit is { } silence && (silence < QueueSettings.MinSilenceLimit || silence > QueueSettings.MaxSilenceLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), silence, "The silence limit is outside its allowed range.");
        }

        _state.Settings = settings;

        // Admissions saved up at the old rate must not burst out after the rate was lowered.
        _state.Tokens = Math.Min(_state.Tokens, settings.AdmissionsPerSecond);
    }

    public bool SetSoldOut(bool soldOut)
    {
        var changed = _state.SoldOut != soldOut;
        _state.SoldOut = soldOut;
        return changed;
    }

    /// <summary>The sequence number of the last buyer admitted so far (for progress notifications).</summary>
    public long AdmittedUpTo => _state.Head;

    private void ExpireShoppers(DateTimeOffset now)
    {
        List<string>? forget = null;
        foreach (var (buyer, admission) in _state.Admitted)
        {
            if (!admission.SlotFreed && (admission.IdleUntil <= now || admission.PassExpiresAt <= now))
            {
                admission.SlotFreed = true;
                _active--;
            }

            // A day after expiry nobody asks about the admission any more; keep state bounded.
            if (admission.PassExpiresAt + TimeSpan.FromDays(1) <= now)
            {
                (forget ??= []).Add(buyer);
            }
        }

        forget?.ForEach(b => _state.Admitted.Remove(b));
    }

    private bool FreeSlot(string buyerId, bool forget)
    {
        if (!_state.Admitted.TryGetValue(buyerId, out var admission))
        {
            return false;
        }

        if (!admission.SlotFreed)
        {
            admission.SlotFreed = true;
            _active--;
        }

        if (forget)
        {
            _state.Admitted.Remove(buyerId);
        }

        return true;
    }

    private long LeftBefore(long seq)
    {
        var at = _left.BinarySearch(seq);
        return at < 0 ? ~at : at;
    }

    private void DropLeftBeforeHead()
    {
        var count = (int)LeftBefore(_state.Head);
        _left.RemoveRange(0, count);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
