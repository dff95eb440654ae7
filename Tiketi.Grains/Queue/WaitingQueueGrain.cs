using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The waiting queue of one sale and its queue-length source. Admission runs on a timer and also
/// lazily on every call, so a late timer never delays a buyer who asks.
/// </summary>
public sealed class WaitingQueueGrain(
    [PersistentState("queue", StorageNames.Sale)] IPersistentState<WaitingQueueState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    QueuePass passes) : Grain, IWaitingQueueGrain
{
    private QueueLine _line = null!;
    private IAsyncStream<QueueProgress> _progress = null!;
    private string _eventId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _eventId = this.GetPrimaryKeyString();
        _line = new QueueLine(state.State);
        _progress = this.GetStreamProvider(SaleStreams.Provider).GetStream<QueueProgress>(StreamId.Create(SaleStreams.Queue, _eventId));
        var tick = options.Value.AdmissionTick;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(tick, tick));
        return Task.CompletedTask;
    }

    public async Task<Result<QueueStatus>> JoinAsync(string buyerId)
    {
        var now = clock.GetUtcNow();
        _line.Admit(now);
        var result = _line.Join(buyerId, now);

        // The place is on disk before the buyer hears of it, so it survives a silo's death.
        await state.WriteStateAsync();
        return result.IsSuccess ? Result<QueueStatus>.Ok(WithPass(buyerId, result.Value!)) : result;
    }

    public async Task<Result> LeaveAsync(string buyerId)
    {
        if (!_line.Leave(buyerId))
        {
            return Result.Fail(Reasons.NotInQueue, "You are not in this queue.");
        }

        await state.WriteStateAsync();
        return Result.Success;
    }

    public async Task<QueueStatus> GetStatusAsync(string buyerId)
    {
        var now = clock.GetUtcNow();
        if (_line.Admit(now).Count > 0)
        {
            await state.WriteStateAsync();
        }

        return WithPass(buyerId, _line.Status(buyerId, now));
    }

    public async Task ConfigureAsync(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _line.Admit(clock.GetUtcNow());
        _line.Configure(settings);
        await state.WriteStateAsync();
        await PublishAsync();
    }

    public Task<QueueInfo> GetInfoAsync() => Task.FromResult(
        new QueueInfo(_eventId, _line.Waiting, _line.Active, state.State.AdmittedTotal, state.State.SoldOut, state.State.Settings));

    public async Task SetSoldOutAsync(bool soldOut)
    {
        if (_line.SetSoldOut(soldOut))
        {
            await state.WriteStateAsync();
            await PublishAsync();
        }
    }

    public async Task TouchAsync(string buyerId)
    {
        if (_line.Touch(buyerId, clock.GetUtcNow()))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task CompleteAsync(string buyerId)
    {
        if (_line.Complete(buyerId))
        {
            await state.WriteStateAsync();
        }
    }

    private async Task TickAsync()
    {
        var before = _line.Active;
        if (_line.Admit(clock.GetUtcNow()).Count > 0 || _line.Active != before)
        {
            await state.WriteStateAsync();
            await PublishAsync();
        }
    }

    private QueueStatus WithPass(string buyerId, QueueStatus status) =>
        status is { State: QueueState.Admitted, PassExpiresAt: { } expires }
            ? status with { Pass = passes.Issue(_eventId, buyerId, expires) }
            : status;

    private Task PublishAsync() => _progress.OnNextAsync(
        new QueueProgress(_eventId, _line.AdmittedUpTo, _line.Waiting, state.State.SoldOut, state.State.Settings.AdmissionsPerSecond));
}
