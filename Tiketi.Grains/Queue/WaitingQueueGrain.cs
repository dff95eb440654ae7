using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Streams;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Observability;

namespace Tiketi.Queue;

/// <summary>
/// The waiting queue of one sale and its queue-length source. Admission runs on a timer and also
/// lazily on every call, so a late timer never delays a buyer who asks. It is reentrant: every
/// command changes state without awaiting, then awaits a shared batched write, so a rush of joins
/// costs a few writes rather than one each.
/// </summary>
[Reentrant]
public sealed class WaitingQueueGrain(
    [PersistentState("queue", StorageNames.Sale)] IPersistentState<WaitingQueueState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    QueuePass passes,
    QueueTelemetry telemetry,
    DeepCopier<WaitingQueueState> copier) : Grain, IWaitingQueueGrain
{
    private QueueLine _line = null!;
    private IAsyncStream<QueueProgress> _progress = null!;

    // Security (issue #16): passes handed out, so that the places that end are published for the silos' pass checks.
    private readonly PassWatch _passes = new();
    private IAsyncStream<EndedPlaces> _endedPlaces = null!;
    private string _eventId = "";
    private StateWriteBatch _writes = null!;

    // The state commands change; storage is handed a copy of it at each write.
    private WaitingQueueState _working = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _eventId = this.GetPrimaryKeyString();
        _working = state.State;
        _line = new QueueLine(_working);
        _writes = new StateWriteBatch(WriteCopyAsync, DeactivateOnIdle);
        _progress = this.GetStreamProvider(SaleStreams.Provider).GetStream<QueueProgress>(StreamId.Create(SaleStreams.Queue, _eventId));
        _endedPlaces = this.GetStreamProvider(SaleStreams.Provider).GetStream<EndedPlaces>(StreamId.Create(QueueStreams.EndedPlaces, QueueStreams.EndedPlacesKey));
        WatchAdmittedPasses(clock.GetUtcNow());
        var tick = options.Value.AdmissionTick;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(tick, tick));

        // The queue length for dashboards and autoscaling: one sample per event per period.
        var period = telemetry.PublishInterval;
        this.RegisterGrainTimer(PublishLengthAsync, new GrainTimerCreationOptions(period, period));
        return Task.CompletedTask;
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
        var result = _line.Join(buyerId, now);

        // The place is on disk before the buyer hears of it, so it survives a silo's death.
        await _writes.WriteAsync();
        return result.IsSuccess ? Result<QueueStatus>.Ok(WithPass(buyerId, result.Value!)) : result;
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
        var changed = Admit(now);
        _line.Seen(buyerId, now);
        var status = WithPass(buyerId, _line.Status(buyerId, now));
        if (changed)
        {
            await _writes.WriteAsync();
        }

        return status;
    }

    public async Task ScheduleAsync(QueueSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _line.Schedule(schedule);
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
        new QueueInfo(_eventId, _line.Waiting, _line.Active, _working.AdmittedTotal, _working.SoldOut, _working.Settings, _line.PreQueued));

    public async Task SetSoldOutAsync(bool soldOut)
    {
        if (_line.SetSoldOut(soldOut))
        {
            await _writes.WriteAsync();
            await PublishAsync();
        }
    }

    public async Task TouchAsync(string buyerId)
    {
        if (_line.Touch(buyerId, clock.GetUtcNow()))
        {
            await _writes.WriteAsync();
        }
    }

    public async Task CompleteAsync(string buyerId)
    {
        if (_line.Complete(buyerId))
        {
            await _writes.WriteAsync();
        }
    }

    private async Task TickAsync()
    {
        var before = _line.Active;
        var now = clock.GetUtcNow();
        var changed = Admit(now);
        if (_line.DropSilent(now) > 0 || changed || _line.Active != before)
        {
            await _writes.WriteAsync();
            await PublishAsync();
        }

        await PublishEndedPlacesAsync(now);
    }

    /// <summary>Watches the passes of places admitted before this activation (a pass is a pure function of its place).</summary>
    private void WatchAdmittedPasses(DateTimeOffset now)
    {
        foreach (var buyer in _working.Admitted.Keys)
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

    private Task WriteCopyAsync()
    {
        state.State = copier.Copy(_working);
        return state.WriteStateAsync();
    }

    /// <summary>Draws the lottery if due and admits whoever is due; true when state changed and must be written.</summary>
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
        telemetry.Publish(new QueueLengthSample(_eventId, _line.Waiting + _line.PreQueued, _line.Active, _working.AdmittedTotal));
        return Task.CompletedTask;
    }

    private QueueStatus WithPass(string buyerId, QueueStatus status)
    {
        if (status is not { State: QueueState.Admitted, PassExpiresAt: { } expires })
        {
            return status;
        }

        _passes.Issued(buyerId, expires);
        return status with { Pass = passes.Issue(_eventId, buyerId, expires) };
    }

    private Task PublishAsync() => _progress.OnNextAsync(
        new QueueProgress(_eventId, _line.AdmittedUpTo, _line.Waiting, _working.SoldOut, _working.Settings.AdmissionsPerSecond));
}
