using Tiketi.Audit;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The rules of the waiting queue, free of Orleans: FIFO places (after an optional pre-queue lottery),
/// a token bucket for the admission rate, a cap on shoppers at once, slots freed by shoppers who
/// finish, idle or expire, and places freed by buyers gone silent.
/// Every change is made twice over the same code: a command decides and writes an event to
/// <see cref="Changes"/>, then applies it; loading applies the journal's events (see
/// <see cref="QueueReplay"/>), so a reactivated queue is the one that was written. Every command is
/// O(1) amortized (people-ahead is log2(n / 64) steps); only the audit and a snapshot read every place.
/// </summary>
public sealed class QueueLine
{
    /// <summary>At most this many places per audit page.</summary>
    public const int MaxAuditPage = QueueAuditLog.MaxPage;

    /// <summary>At most this many buckets per audit timeline.</summary>
    public const int MaxTimelineBuckets = QueueAuditLog.MaxTimelineBuckets;

    /// <summary>How often the silence sweep runs at most.</summary>
    public static readonly TimeSpan SweepInterval = SilenceSweep.Interval;

    /// <summary>
    /// A touch is written only once it moves the shopper's idle time this much past what was written:
    /// a rush of holds does not write the queue per hold, and a crash forgets at most this much idle grace.
    /// </summary>
    public static readonly TimeSpan TouchStep = TimeSpan.FromSeconds(15);

    private readonly Func<ulong> _drawSeed;
    private readonly WaitEstimate _estimate = new();
    private double _tokens;
    private DateTimeOffset _lastTick;

    /// <summary>A new, empty queue; <paramref name="settings"/>, when given, are its first change.</summary>
    public QueueLine(QueueSettings? settings = null, Func<ulong>? drawSeed = null)
    {
        _drawSeed = drawSeed ?? PreQueueLottery.NewSeed;
        Settings = QueueSettings.Default;
        if (settings is not null)
        {
            Configure(settings);
        }
    }

    public QueueSettings Settings { get; private set; }

    public QueueSchedule? Schedule { get; private set; }

    public bool SoldOut { get; private set; }

    public long Waiting => Places.Waiting;

    public int Active => Shoppers.Active;

    public long PreQueued => Lottery.Count;

    public long AdmittedTotal { get; private set; }

    /// <summary>The sequence number of the next place admission looks at (for progress notifications).</summary>
    public long AdmittedUpTo => Places.Head;

    internal QueuePlaces Places { get; } = new();

    internal QueueAuditLog AuditLog { get; } = new();

    internal SilenceSweep Silence { get; } = new();

    internal ShopperSlots Shoppers { get; } = new();

    internal PreQueueLottery Lottery { get; } = new();

    /// <summary>The changes not yet handed to the journal.</summary>
    internal QueueRecorder Changes { get; } = new();

    internal (double Tokens, DateTimeOffset LastTick) Bucket => (_tokens, _lastTick);

    public Result<QueueStatus> Join(string buyerId, DateTimeOffset now)
    {
        OpenIfDue(now);
        var current = Status(buyerId, now);
        if (current.State is QueueState.Waiting or QueueState.Admitted or QueueState.PreQueue)
        {
            Seen(buyerId, now);
            return Result<QueueStatus>.Ok(current);
        }

        if (SoldOut)
        {
            return Result<QueueStatus>.Fail(Reasons.SoldOut, "The sale is sold out.");
        }

        var preQueue = Schedule is { Mode: QueueMode.Lottery } schedule && Lottery.DrawnAt is null && now < schedule.SaleOpensAt;
        if (preQueue && now < Schedule!.PreQueueOpensAt)
        {
            return Result<QueueStatus>.Fail(Reasons.PreQueueNotOpen, $"The waiting room opens at {Schedule.PreQueueOpensAt:O}; everyone there by the sale's opening gets a random place.");
        }

        var arrived = Second(now);
        if (preQueue)
        {
            Changes.PreJoined(buyerId, arrived);
            ApplyPreJoined(buyerId, arrived, arrived);
        }
        else
        {
            Changes.Joined(buyerId, arrived);
            ApplyJoined(buyerId, arrived, arrived);
        }

        return Result<QueueStatus>.Ok(Status(buyerId, now));
    }

    public bool Leave(string buyerId)
    {
        if (Places.WaitingPlace(buyerId) is var seq and >= 0)
        {
            Changes.Left(seq);
            ApplyLeft(seq);
            return true;
        }

        if (Lottery.IndexOf(buyerId) is var index and >= 0)
        {
            Changes.PreLeft(index);
            Lottery.RemoveAt(index);
            return true;
        }

        if (Shoppers.Find(buyerId) is { } shopper)
        {
            Changes.ShopperLeft(shopper.Seq);
            Shoppers.Forget(buyerId);
            return true;
        }

        return false;
    }

    /// <summary>A shopper finished: the slot goes to the next buyer; the pass stays valid for more purchases.</summary>
    public bool Complete(string buyerId)
    {
        if (Shoppers.Find(buyerId) is not { SlotFreed: false } shopper)
        {
            return false;
        }

        Changes.Completed(shopper.Seq);
        Shoppers.Free(buyerId);
        return true;
    }

    /// <summary>A shopper was active: the slot stays theirs for another idle timeout (never past the pass).</summary>
    public bool Touch(string buyerId, DateTimeOffset now)
    {
        if (Shoppers.Find(buyerId) is not { SlotFreed: false } shopper)
        {
            return false;
        }

        var until = Min(now + Settings.IdleTimeout, shopper.PassExpiresAt);
        if (until <= shopper.IdleUntil)
        {
            return false;
        }

        shopper.IdleUntil = until;
        if (until - shopper.RecordedIdleUntil >= TouchStep || until == shopper.PassExpiresAt)
        {
            Changes.Touched(shopper.Seq, until);
            shopper.RecordedIdleUntil = until;
        }

        return true;
    }

    public QueueStatus Status(string buyerId, DateTimeOffset now)
    {
        var seq = Places.Latest(buyerId);
        var outcome = seq >= 0 ? Places.Outcome(seq) : QueueOutcome.Left;
        if (seq >= 0 && outcome == QueueOutcome.Waiting)
        {
            if (SoldOut)
            {
                return new QueueStatus(QueueState.SoldOut, 0, 0, TimeSpan.Zero, null, null);
            }

            var ahead = Places.Ahead(seq);
            return new QueueStatus(QueueState.Waiting, ahead + 1, ahead, _estimate.For(ahead, Settings, Shoppers.Active, now), null, null);
        }

        if (Lottery.Contains(buyerId))
        {
            return new QueueStatus(SoldOut ? QueueState.SoldOut : QueueState.PreQueue, 0, 0, TimeSpan.Zero, null, null, Schedule?.SaleOpensAt);
        }

        if (Shoppers.Find(buyerId) is { } shopper)
        {
            return shopper.PassExpiresAt > now && (!shopper.SlotFreed || shopper.IdleUntil > now)
                ? new QueueStatus(QueueState.Admitted, 0, 0, TimeSpan.Zero, null, shopper.PassExpiresAt)
                : new QueueStatus(QueueState.Expired, 0, 0, TimeSpan.Zero, null, shopper.PassExpiresAt);
        }

        if (seq >= 0 && outcome == QueueOutcome.Dropped)
        {
            return new QueueStatus(QueueState.Dropped, 0, 0, TimeSpan.Zero, null, null, null, Reasons.QueueSilenceDropped, AuditLog.DroppedAt(seq));
        }

        return new QueueStatus(QueueState.NotInQueue, 0, 0, TimeSpan.Zero, null, null);
    }

    /// <summary>Draws the lottery if due, frees expired slots, and admits whoever is due at <paramref name="now"/>.</summary>
    public List<string> Admit(DateTimeOffset now)
    {
        OpenIfDue(now);
        Shoppers.Expire(now);
        var admitted = new List<string>();
        if (_lastTick == default || now < _lastTick)
        {
            _lastTick = now;
            return admitted;
        }

        // Unused capacity is kept for about one second, so a quiet minute does not allow a burst. The
        // extra token keeps the fraction carried between ticks (ticks are at most a second apart).
        var elapsed = (now - _lastTick).TotalSeconds;
        _tokens = Math.Min(_tokens + (elapsed * Settings.AdmissionsPerSecond), Math.Max(Settings.AdmissionsPerSecond, 1) + 1);
        _lastTick = now;
        if (SoldOut)
        {
            return admitted;
        }

        var count = (int)Math.Min(Math.Min(Math.Floor(_tokens), Math.Max(Settings.MaxActiveShoppers - Shoppers.Active, 0)), Places.Waiting);
        if (count > 0)
        {
            Changes.Admitted(now, count, _tokens - count);
            ApplyAdmitted(now, count, _tokens - count, admitted);
        }

        return admitted;
    }

    public void Configure(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SilenceLimit is { } silence && (silence < QueueSettings.MinSilenceLimit || silence > QueueSettings.MaxSilenceLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), silence, "The silence limit is outside its allowed range.");
        }

        Changes.Configured(settings);
        ApplyConfigured(settings);
    }

    /// <summary>The event's mode and opening. A draw already made stays made.</summary>
    public void SetSchedule(QueueSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Changes.Scheduled(schedule);
        Schedule = schedule;
    }

    public bool SetSoldOut(bool soldOut)
    {
        if (SoldOut == soldOut)
        {
            return false;
        }

        Changes.SoldOut(soldOut);
        SoldOut = soldOut;
        return true;
    }

    /// <summary>
    /// At the opening (or once the event no longer wants a lottery) the pre-queue is drawn into places,
    /// ahead of everyone who joins later. Returns whether it drew.
    /// </summary>
    public bool OpenIfDue(DateTimeOffset now)
    {
        if (Lottery.DrawnAt is not null || Schedule is not { } schedule
            || (schedule.Mode == QueueMode.Lottery && now < schedule.SaleOpensAt)
            || (schedule.Mode != QueueMode.Lottery && Lottery.Count == 0))
        {
            return false;
        }

        var seed = _drawSeed();
        Changes.Drawn(seed, now);
        ApplyDrawn(seed, now);
        return true;
    }

    /// <summary>The buyer showed they are still there (a join or a status read).</summary>
    public void Seen(string buyerId, DateTimeOffset now)
    {
        if (Places.WaitingPlace(buyerId) is var seq and >= 0)
        {
            Silence.Seen(seq, AuditLog.Second(now));
        }
        else if (Lottery.Contains(buyerId))
        {
            Lottery.Seen(buyerId, AuditLog.Second(now));
        }
    }

    /// <summary>
    /// Frees the places of waiting buyers silent for the limit or longer, at most once per
    /// <see cref="SweepInterval"/>, and returns how many. Pre-queued buyers are not swept: the
    /// draw carries their last-seen time into their place, and the next sweep judges them there.
    /// </summary>
    public int DropSilent(DateTimeOffset now)
    {
        if (Places.Waiting == 0)
        {
            return 0;
        }

        var limit = (long)Math.Ceiling(Settings.EffectiveSilenceLimit.TotalSeconds);
        var silent = Silence.TakeSilent(now, AuditLog.Second(now), limit);
        if (silent.Count > 0)
        {
            Changes.Dropped(now, silent);
            ApplyDropped(now, silent);
        }

        return silent.Count;
    }

    /// <summary>The audit's view: counts, timelines, the draw, and places [offset, +limit) in queue order.</summary>
    public QueueAudit Audit(string eventId, int orderOffset, int orderLimit) =>
        AuditLog.Audit(eventId, Schedule?.Mode == QueueMode.Lottery, Places, Lottery, orderOffset, orderLimit);

    /// <summary>The buyer's latest place; before the draw a pre-queued buyer's entry has sequence -1.</summary>
    public QueueAuditEntry? FindPlace(string buyerId)
    {
        if (Lottery.Contains(buyerId))
        {
            return new QueueAuditEntry(-1, buyerId, AuditLog.Time(Lottery.ArrivalOf(buyerId)), true, QueueOutcome.Waiting, null);
        }

        var seq = Places.Latest(buyerId);
        return seq < 0 ? null : AuditLog.Place(Places, Lottery, seq);
    }

    /// <summary>Sizes the tables for <paramref name="places"/> places before a load (an estimate is fine).</summary>
    internal void Reserve(int places)
    {
        Places.Reserve(places);
        AuditLog.Reserve(places);
        Silence.Reserve(places);
    }

    internal void ApplyEpoch(DateTimeOffset epoch) => AuditLog.Epoch = epoch;

    internal void ApplyJoined(string buyerId, int arrived, int seen)
    {
        Shoppers.Forget(buyerId);
        var seq = Places.Append(buyerId, QueueOutcome.Waiting);
        AuditLog.Arrived(arrived);
        Silence.Add(seq, seen);
    }

    internal void ApplyPreJoined(string buyerId, int arrived, int seen)
    {
        Shoppers.Forget(buyerId);
        Lottery.Add(buyerId, arrived, seen);
    }

    internal void ApplyDrawn(ulong seed, DateTimeOffset at)
    {
        var drawn = Lottery.Draw(seed, at, Places.Count);
        var places = new List<(int Seq, int Seen)>(drawn.Count);
        foreach (var (buyer, arrived, seen) in drawn)
        {
            places.Add((Places.Append(buyer, QueueOutcome.Waiting), seen));
            AuditLog.Arrived(arrived);
        }

        Silence.AddSeenEarlier(places);
    }

    internal void ApplyLeft(int seq)
    {
        Places.Settle(seq, QueueOutcome.Left);
        AuditLog.LeftAt(seq);
        Silence.Remove(seq);
    }

    internal void ApplyAdmitted(DateTimeOffset at, int count, double tokensAfter, List<string>? admitted)
    {
        var second = AuditLog.Second(at);
        for (var i = 0; i < count; i++)
        {
            var seq = Places.NextWaiting();
            if (seq < 0)
            {
                throw new InvalidDataException($"The journal admits {count} at {at:O}, but only {i} waited.");
            }

            Places.Settle(seq, QueueOutcome.Admitted);
            Places.Head = seq + 1;
            AuditLog.AdmittedAt(seq, second);
            Silence.Remove(seq);
            var buyer = Places.Buyer(seq);
            var passExpiresAt = at + Settings.PassLifetime;
            var idleUntil = Min(at + Settings.IdleTimeout, passExpiresAt);
            Shoppers.Admit(buyer, seq, passExpiresAt, idleUntil, slotFreed: false).RecordedIdleUntil = idleUntil;
            AdmittedTotal++;
            admitted?.Add(buyer);
        }

        _estimate.Record(at, count);
        (_tokens, _lastTick) = (tokensAfter, at);
    }

    internal void ApplyDropped(DateTimeOffset at, IReadOnlyList<int> places)
    {
        var sweep = AuditLog.Sweep(at);
        foreach (var seq in places)
        {
            Places.Settle(seq, QueueOutcome.Dropped);
            AuditLog.DroppedBy(seq, sweep);
            Silence.Remove(seq);
        }
    }

    internal void ApplyConfigured(QueueSettings settings)
    {
        Settings = settings;

        // Admissions saved up at the old rate must not burst out after the rate was lowered.
        _tokens = Math.Min(_tokens, settings.AdmissionsPerSecond);
    }

    internal void ApplyScheduled(QueueSchedule? schedule) => Schedule = schedule;

    internal void ApplySoldOut(bool soldOut) => SoldOut = soldOut;

    /// <summary>A shopper's new idle time, from the journal.</summary>
    internal void ApplyTouched(int seq, DateTimeOffset idleUntil)
    {
        if (Shoppers.Find(Places.Buyer(seq)) is { Seq: var at } shopper && at == seq && idleUntil > shopper.IdleUntil)
        {
            shopper.IdleUntil = idleUntil;
            shopper.RecordedIdleUntil = idleUntil;
        }
    }

    internal void ApplyCompleted(int seq) => Shoppers.Free(Places.Buyer(seq));

    internal void ApplyShopperLeft(int seq) => Shoppers.Forget(Places.Buyer(seq));

    /// <summary>Header values read back from a snapshot.</summary>
    internal void Restore(QueueSettings settings, QueueSchedule? schedule, bool soldOut, double tokens, DateTimeOffset lastTick, long admittedTotal)
    {
        (Settings, Schedule, SoldOut, _tokens, _lastTick, AdmittedTotal) = (settings, schedule, soldOut, tokens, lastTick, admittedTotal);
    }

    /// <summary>Seconds since the queue's epoch, which the first arrival sets (and the journal records).</summary>
    private int Second(DateTimeOffset time)
    {
        if (AuditLog.Epoch == default)
        {
            var epoch = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            Changes.Epoch(epoch);
            ApplyEpoch(epoch);
        }

        return AuditLog.Second(time);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
