using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Observability;
using Tiketi.Storage;

namespace Tiketi.Queue;

/// <summary>
/// The waiting queue of one sale and its queue-length source. Admission runs on a timer and also
/// lazily on every call, so a late timer never delays a buyer who asks. It is reentrant: every
/// command changes the queue without awaiting, then awaits a shared batched write, so a rush of joins
/// costs a few journal records rather than one each, and each record holds only what changed.
/// Nobody hears of a change before the record holding it is on disk; touches and completions ride
/// the next record instead of forcing one.
/// </summary>
[Reentrant]
public sealed class WaitingQueueGrain(
    [PersistentState("queue", StorageNames.Sale)] IPersistentState<WaitingQueueState> legacy,
    IGrainJournal journal,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    QueuePass passes,
    QueueTelemetry telemetry) : Grain, IWaitingQueueGrain
{
    /// <summary>At most this many buyers in one batch call: the message stays around 200 kB.</summary>
    public const int MaxBatch = QueueCallCoalescer.MaxBatch;

    private QueueLine _line = null!;
    private QueueJournal _journal = null!;
    private IAsyncStream<QueueProgress> _progress = null!;

    // Security (issue #16): passes handed out, so that the places that end are published for the silos' pass checks.
    private readonly PassWatch _passes = new();
    private IAsyncStream<EndedPlaces> _endedPlaces = null!;
    private string _eventId = "";
    private StateWriteBatch _writes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _eventId = this.GetPrimaryKeyString();
        (_line, _journal) = await QueueJournal.LoadAsync(journal, _eventId, legacy.RecordExists ? legacy.State : null, cancellationToken);
        if (legacy.RecordExists)
        {
            // Carried into the journal (or superseded by it): the whole-state row is never read again.
            await legacy.ClearStateAsync(cancellationToken);
        }

        _writes = new StateWriteBatch(() => _journal.WriteAsync(_line), DeactivateOnIdle);
        _progress = this.GetStreamProvider(SaleStreams.Provider).GetStream<QueueProgress>(StreamId.Create(SaleStreams.Queue, _eventId));
        _endedPlaces = this.GetStreamProvider(SaleStreams.Provider).GetStream<EndedPlaces>(StreamId.Create(QueueStreams.EndedPlaces, QueueStreams.EndedPlacesKey));
        WatchAdmittedPasses(clock.GetUtcNow());
        var tick = options.Value.AdmissionTick;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(tick, tick));

        // The queue length for dashboards and autoscaling: one sample per event per period.
        var period = telemetry.PublishInterval;
        this.RegisterGrainTimer(PublishLengthAsync, new GrainTimerCreationOptions(period, period));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        telemetry.Retire(_eventId);
        return Task.CompletedTask;
    }

    public async Task<Result<QueueStatus>> JoinAsync(string buyerId)
    {
        var now = clock.GetUtcNow();
        Admit(now);
        var result = _line.Join(Valid(buyerId), now);

        // The place is on disk before the buyer hears of it, so it survives a silo's death.
        await _writes.WriteAsync();
        return WithPass(buyerId, result);
    }

    public async Task<QueueJoins> JoinManyAsync(ImmutableArray<string> buyerIds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buyerIds.Length, MaxBatch);
        var now = clock.GetUtcNow();
        Admit(now);
        var results = new Result<QueueStatus>[buyerIds.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = _line.Join(Valid(buyerIds[i]), now);
        }

        await _writes.WriteAsync();
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = WithPass(buyerIds[i], results[i]);
        }

        return new QueueJoins(ImmutableArray.Create(results));
    }

    public async Task<Result> LeaveAsync(string buyerId)
    {
        if (!_line.Leave(buyerId))
        {
            return Result.Fail(Reasons.NotInQueue, "You are not in this queue.");
        }

        await _writes.WriteAsync();
        await PublishEndedPlacesAsync(clock.GetUtcNow(), buyerId);
        return Result.Success;
    }

    public async Task<QueueStatus> GetStatusAsync(string buyerId)
    {
        var now = clock.GetUtcNow();
        Admit(now);
        _line.Seen(buyerId, now);
        var status = WithPass(buyerId, _line.Status(buyerId, now));
        await DurableAsync();
        return status;
    }

    public async Task<ImmutableArray<QueueStatus>> GetStatusManyAsync(ImmutableArray<string> buyerIds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buyerIds.Length, MaxBatch);
        var now = clock.GetUtcNow();
        Admit(now);
        var statuses = new QueueStatus[buyerIds.Length];
        for (var i = 0; i < statuses.Length; i++)
        {
            _line.Seen(buyerIds[i], now);
            statuses[i] = WithPass(buyerIds[i], _line.Status(buyerIds[i], now));
        }

        await DurableAsync();
        return ImmutableArray.Create(statuses);
    }

    public async Task ScheduleAsync(QueueSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _line.SetSchedule(schedule);
        Admit(clock.GetUtcNow());
        await _writes.WriteAsync();
    }

    public Task<QueueAudit> GetAuditAsync(int orderOffset, int orderLimit) =>
        Task.FromResult(_line.Audit(_eventId, orderOffset, orderLimit));

    public Task<QueueAuditEntry?> FindPlaceAsync(string buyerId) => Task.FromResult(_line.FindPlace(buyerId));

    public async Task ConfigureAsync(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Admit(clock.GetUtcNow());
        _line.Configure(settings);
        await _writes.WriteAsync();
        await PublishAsync();
    }

    public Task<QueueInfo> GetInfoAsync() => Task.FromResult(
        new QueueInfo(_eventId, _line.Waiting, _line.Active, _line.AdmittedTotal, _line.SoldOut, _line.Settings, _line.PreQueued));

    public async Task SetSoldOutAsync(bool soldOut)
    {
        if (_line.SetSoldOut(soldOut))
        {
            await _writes.WriteAsync();
            await PublishAsync();
        }
    }

    /// <summary>Memory only until the next record (see the interface): a hold never waits for, or causes, a queue write.</summary>
    public Task TouchAsync(string buyerId)
    {
        _line.Touch(buyerId, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>As <see cref="TouchAsync"/>: the freed slot is written with the next record, at the latest the next tick's.</summary>
    public Task CompleteAsync(string buyerId)
    {
        _line.Complete(buyerId);
        return Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        var before = _line.Active;
        var now = clock.GetUtcNow();
        var changed = Admit(now);
        var dropped = _line.DropSilent(now);

        // Also carries the touches and completions made since the last record.
        await DurableAsync();
        if (dropped > 0 || changed || _line.Active != before)
        {
            await PublishAsync();
        }

        await PublishEndedPlacesAsync(now);
    }

    /// <summary>Watches the passes of places admitted before this activation (a pass is a pure function of its place).</summary>
    private void WatchAdmittedPasses(DateTimeOffset now)
    {
        foreach (var buyer in _line.Shoppers.All.Select(s => s.BuyerId))
        {
            if (_line.Status(buyer, now) is { State: QueueState.Admitted, PassExpiresAt: { } expires })
            {
                _passes.Issued(buyer, expires);
            }
        }
    }

    /// <summary>Tells every silo which passes lost their place: all due ones (at most once a second), or one buyer's at once.</summary>
    private Task PublishEndedPlacesAsync(DateTimeOffset now, string? buyerId = null)
    {
        var ended = _passes.Ended(b => _line.Status(b, now), now, buyerId);
        return ended.IsEmpty ? Task.CompletedTask : _endedPlaces.OnNextAsync(new EndedPlaces(_eventId, ended));
    }

    /// <summary>Waits until everything this answer may reflect is on disk (nothing to wait for when no write is due).</summary>
    private Task DurableAsync() => _line.Changes.HasChanges || _writes.Busy ? _writes.WriteAsync() : Task.CompletedTask;

    /// <summary>Draws the lottery if due and admits whoever is due; true when either happened.</summary>
    private bool Admit(DateTimeOffset now)
    {
        // The draw is written before anyone hears of it: redrawing after a crash would move people.
        var drew = _line.OpenIfDue(now);
        var admitted = _line.Admit(now).Count;
        telemetry.Admitted(_eventId, admitted);
        return drew || admitted > 0;
    }

    private Task PublishLengthAsync()
    {
        // The pre-queue is demand about to arrive: scale out for it before the opening, not after.
        telemetry.Publish(new QueueLengthSample(_eventId, _line.Waiting + _line.PreQueued, _line.Active, _line.AdmittedTotal));
        return Task.CompletedTask;
    }

    private Result<QueueStatus> WithPass(string buyerId, Result<QueueStatus> result) =>
        result.IsSuccess ? Result<QueueStatus>.Ok(WithPass(buyerId, result.Value!)) : result;

    private QueueStatus WithPass(string buyerId, QueueStatus status)
    {
        if (status is not { State: QueueState.Admitted, PassExpiresAt: { } expires })
        {
            return status;
        }

        _passes.Issued(buyerId, expires);
        return status with { Pass = passes.Issue(_eventId, buyerId, expires) };
    }

    private static string Valid(string buyerId) =>
        string.IsNullOrEmpty(buyerId) ? throw new ArgumentException("A buyer id is required.", nameof(buyerId)) : buyerId;

    private Task PublishAsync() => _progress.OnNextAsync(
        new QueueProgress(_eventId, _line.AdmittedUpTo, _line.Waiting, _line.SoldOut, _line.Settings.AdmissionsPerSecond));
}
