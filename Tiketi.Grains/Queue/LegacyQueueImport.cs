namespace Tiketi.Queue;

/// <summary>
/// Carries a queue stored whole by an earlier build (<see cref="WaitingQueueState"/>) into a
/// <see cref="QueueLine"/>, once, on its first activation by this build: places, outcomes and their
/// times, admissions, drops, the pre-queue and the draw come across as they were. Places an even older
/// build nulled count as left, with unknown times at the epoch; an admission whose place was nulled
/// has no place to belong to and is not carried (its pass stays valid until it expires).
/// </summary>
internal static class LegacyQueueImport
{
    public static QueueLine From(WaitingQueueState old, Func<ulong>? drawSeed = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        var line = new QueueLine(drawSeed: drawSeed);
        line.Restore(old.Settings, old.Schedule, old.SoldOut, old.Tokens, old.LastTick, old.AdmittedTotal);
        line.ApplyEpoch(old.Epoch);
        var (places, log) = (line.Places, line.AuditLog);
        var sweeps = new Dictionary<DateTimeOffset, int>();
        for (var seq = 0; seq < old.Entries.Count; seq++)
        {
            var buyer = old.Entries[seq];
            var outcome = buyer is null ? QueueOutcome.Left
                : seq < old.Outcomes.Count ? (QueueOutcome)old.Outcomes[seq] : QueueOutcome.Waiting;
            if (outcome == QueueOutcome.Waiting && seq < old.Head)
            {
                outcome = QueueOutcome.Left;
            }

            var outcomeAt = outcome switch
            {
                QueueOutcome.Admitted when seq < old.AdmittedAts.Count => old.AdmittedAts[seq],
                QueueOutcome.Dropped => Sweep(log, sweeps, old.Dropped.GetValueOrDefault(buyer!, old.Epoch)),
                _ => QueueAuditLog.None,
            };
            var arrival = seq < old.Arrivals.Count ? old.Arrivals[seq] : 0;
            var at = places.Append(buyer ?? "", outcome);
            log.Restored(arrival, outcome, outcomeAt);
            if (outcome == QueueOutcome.Waiting)
            {
                line.Silence.Add(at, SilenceSweep.Unseen);
            }
        }

        places.Head = (int)Math.Min(old.Head, old.Entries.Count);
        foreach (var (buyer, admission) in old.Admitted)
        {
            var seq = places.Latest(buyer);
            if (seq >= 0)
            {
                line.Shoppers.Admit(buyer, seq, admission.PassExpiresAt, admission.IdleUntil, admission.SlotFreed).RecordedIdleUntil = admission.IdleUntil;
            }
        }

        for (var i = 0; i < old.PreQueue.Count; i++)
        {
            line.Lottery.Add(old.PreQueue[i], i < old.PreQueueArrivals.Count ? old.PreQueueArrivals[i] : 0, SilenceSweep.Unseen);
        }

        if (old is { ShuffleSeed: { } seed, ShuffledAt: { } shuffledAt })
        {
            line.Lottery.RestoreDraw(seed, shuffledAt, (int)old.PreQueueStart, (int)old.PreQueued);
        }

        return line;
    }

    private static int Sweep(QueueAuditLog log, Dictionary<DateTimeOffset, int> sweeps, DateTimeOffset at)
    {
        if (!sweeps.TryGetValue(at, out var index))
        {
            index = sweeps[at] = log.Sweep(at);
        }

        return index;
    }
}
