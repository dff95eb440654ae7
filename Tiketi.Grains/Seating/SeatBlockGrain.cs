using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using Orleans.Streams;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Observability;
using Tiketi.Orders;
using Tiketi.Storage;
using Tiketi.Waitlist;

namespace Tiketi.Seating;

/// <summary>
/// The single writer of one block's seats. Commands change seats synchronously through
/// <see cref="SeatInventory"/> (so they never interleave halfway), then await a shared write: nothing is
/// acknowledged before it is on disk, and a rush of commands costs a few writes, each ONE journal record of
/// what its batch changed (<see cref="BlockJournal"/>) and one versioned delta on the event's seat stream.
/// </summary>
[Reentrant]
public sealed partial class SeatBlockGrain(
    IGrainJournal journals,
    [FromKeyedServices(StorageNames.Sale)] IGrainStorage legacyStorage,
    BlockRecordCodec codec,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    TiketiMetrics metrics,
    ILogger<SeatBlockGrain> logger) : Grain, ISeatBlockGrain, IRemindable
{
    private const string ExpiryReminder = "hold-expiry";
    private SeatBlockState _state = null!;
    private SeatInventory _inventory = null!;
    private BlockJournal _journal = null!;
    private StateWriteBatch _writes = null!;
    private IAsyncStream<SeatDelta> _deltas = null!;
    private Task _published = Task.CompletedTask;
    private string _eventId = "";
    private string _blockId = "";
    private IGrainTimer? _sweepTimer;
    private IGrainTimer? _reportTimer;
    private bool _reminderOn;
    private bool _countsDirty;
    private int _reportedHolds;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_eventId, _blockId) = GrainKeys.Split(this.GetPrimaryKeyString());
        _journal = new BlockJournal(journals, BlockJournal.IdOf(this.GetPrimaryKeyString()), codec, logger);
        _state = await _journal.LoadAsync(cancellationToken);
        if (_journal.IsEmpty)
        {
            await MoveLegacyRowAsync();
        }

        _inventory = new SeatInventory(_state);
        _deltas = this.GetStreamProvider(SaleStreams.Provider).GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, _eventId));
        _reminderOn = _inventory.HasHolds;

        // A failed write (a journal conflict: another activation wrote) stops this one writing; a fresh
        // activation reloads what storage holds.
        _writes = new StateWriteBatch(FlushAsync, DeactivateOnIdle);

        // Holds that ran out while no activation watched them (deactivation, a dead silo) end now.
        await SweepAsync();
        ReportHolds();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // This activation's holds stop counting here; the next activation reports them wherever it runs.
        metrics.HoldsActiveChanged(_eventId, -_reportedHolds);
        _reportedHolds = 0;
        return Task.CompletedTask;
    }

    public async Task<Result> ConfigureAsync(BlockDefinition block, ImmutableArray<string> categoryIds)
    {
        var result = _inventory.Configure(block, categoryIds);
        if (result.IsSuccess)
        {
            await CommitAsync();
        }

        return result;
    }

    public async Task<Result<HoldGrant>> HoldAsync(HoldCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var expired = _inventory.SweepExpired(now);
        var result = _inventory.Hold(command, now);
        await CommitAsync();
        EndExpired(expired);
        return result;
    }

    public async Task<Result> ReleaseAsync(string holdId, ReleaseReason reason)
    {
        if (_inventory.Release(holdId, reason))
        {
            await CommitAsync();
            if (reason != ReleaseReason.BuyerReleased)
            {
                _ = GrainFactory.GetGrain<IOrderGrain>(holdId).HoldEndedAsync(reason);
            }
        }

        return Result.Success;
    }

    public async Task<Result<HoldGrant>> ConfirmAsync(string holdId)
    {
        var result = _inventory.Confirm(holdId, clock.GetUtcNow());
        await CommitAsync();
        return result;
    }

    public async Task<Result> ReturnSoldAsync(string holdId)
    {
        if (_inventory.ReturnSold(holdId))
        {
            await CommitAsync();
        }

        return Result.Success;
    }

    public async Task<BlockCancellation> CancelAllAsync()
    {
        var cancellation = _inventory.CancelAll();
        await CommitAsync();
        return cancellation;
    }

    public Task<SeatMapSnapshot> GetSnapshotAsync() => Task.FromResult(
        new SeatMapSnapshot(_eventId, _blockId, _state.Version, [.. _state.Seats], _inventory.Counts()));

    public Task<ImmutableArray<AllocationView>> GetAllocationsAsync() => Task.FromResult(_inventory.Allocations());

    public async Task SetWaitlistWantedAsync(string categoryId, bool wanted)
    {
        if (_inventory.SetWaitlistWanted(categoryId, wanted))
        {
            await CommitAsync();
        }
    }

    public async Task<Result<HoldGrant>> ClaimReservationAsync(string reservationId, HoldCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = _inventory.ClaimReservation(reservationId, command, clock.GetUtcNow());
        await CommitAsync();
        return result;
    }

    public async Task ReleaseReservationAsync(string reservationId)
    {
        if (_inventory.ReleaseReservation(reservationId))
        {
            await CommitAsync();
        }
    }

    public Task<BlockAudit> GetAuditAsync() => Task.FromResult(_inventory.Audit(_eventId, _blockId));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A reminder with nothing left to expire is dropped by the next flush, where all reminder changes happen.
        _reminderOn = true;
        await SweepAsync();
        await CommitAsync();
    }

    /// <summary>A block written before the journal existed is moved into it once; then its old row goes.</summary>
    private async Task MoveLegacyRowAsync()
    {
        var legacy = new LegacyBlockRow(legacyStorage, this.GetGrainId());
        if (await legacy.ReadAsync() is { } kept)
        {
            _state = kept;
            await _journal.AppendWholeAsync(_state);
            await legacy.DeleteAsync();
            LogMovedToJournal(logger, _eventId, _blockId, _state.Allocations.Count);
        }
    }

    private async Task SweepAsync()
    {
        var expired = _inventory.SweepExpired(clock.GetUtcNow());
        if (expired.Count > 0)
        {
            await CommitAsync();
            EndExpired(expired);
        }
    }

    /// <summary>
    /// Tells each expired hold's order, one-way and without waiting: a sweep of a thousand holds costs the
    /// block a thousand sends, not a thousand round trips.
    /// </summary>
    private void EndExpired(List<string> expired)
    {
        // A waitlist reservation that ran out has no order to tell; its seats are simply back on sale.
        expired.RemoveAll(SeatInventory.IsReservation);
        if (expired.Count == 0)
        {
            return;
        }

        metrics.HoldsExpired(_eventId, expired.Count);
        LogHoldsExpired(logger, expired.Count, _eventId, _blockId);
        foreach (var holdId in expired)
        {
            _ = GrainFactory.GetGrain<IOrderGrain>(holdId).HoldEndedAsync(ReleaseReason.Expired);
        }
    }

    /// <summary>
    /// Waits until everything changed so far is on disk. Always call it after a change: even when another
    /// command's write already carries this change, the answer must wait for that write to finish.
    /// </summary>
    private async Task CommitAsync()
    {
        // Stamped in the command's own turn, so a reservation is never on disk without its guard.
        var reserved = _inventory.TakeNewReservations(clock.GetUtcNow() + SeatInventory.ReservationGuard);
        await _writes.WriteAsync();
        foreach (var reservation in reserved)
        {
            // One-way: blocks never wait on the waitlist, which itself calls blocks.
            _ = GrainFactory.GetGrain<IWaitlistGrain>(_eventId).SeatsReservedAsync(reservation);
        }
    }

    /// <summary>One batched write: the reminder, the journal record, then the timers; the delta goes out behind it. Runs one at a time.</summary>
    private async Task FlushAsync()
    {
        if (_inventory.HasHolds && !_reminderOn)
        {
            // Registered before the write, so a hold is never on disk without something to expire it.
            await SetReminderAsync(true);
        }

        if (_inventory.Changes.Any)
        {
            var (version, seats, counts) = _inventory.SealBatch(clock.GetUtcNow());
            await _journal.WriteAsync(_state, _inventory.Changes);
            ReportHolds();

            // The batch is answered once on disk; its delta follows the one before it, off the commands' path.
            _published = PublishAsync(_published, new SeatDelta(_eventId, _blockId, version, seats, counts));
            _countsDirty = true;
            _reportTimer ??= this.RegisterGrainTimer(ReportCountsAsync, new GrainTimerCreationOptions(options.Value.CountsReportInterval, options.Value.CountsReportInterval));
        }

        if (_inventory.HasHolds)
        {
            _sweepTimer ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(options.Value.HoldSweepInterval, options.Value.HoldSweepInterval) { KeepAlive = true });
        }
        else
        {
            _sweepTimer?.Dispose();
            _sweepTimer = null;
            if (_reminderOn)
            {
                await SetReminderAsync(false);
            }
        }
    }

    /// <summary>Publishes <paramref name="delta"/> once <paramref name="previous"/> (the delta of the version before) is out.</summary>
    private async Task PublishAsync(Task previous, SeatDelta delta)
    {
        await previous;
        try
        {
            await _deltas.OnNextAsync(delta);
        }
        catch (Exception exception)
        {
            // Watchers detect the version gap and fetch a snapshot; the sale itself must not fail.
            LogPublishFailed(logger, exception, _eventId, _blockId, delta.Version);
        }
    }

    /// <summary>Moves <c>tiketi_holds_active</c> by the change in this block's buyer holds since the last report.</summary>
    private void ReportHolds()
    {
        var held = _inventory.BuyerHolds;
        metrics.HoldsActiveChanged(_eventId, held - _reportedHolds);
        _reportedHolds = held;
    }

    private async Task ReportCountsAsync()
    {
        if (!_countsDirty)
        {
            _reportTimer?.Dispose();
            _reportTimer = null;
            return;
        }

        _countsDirty = false;
        var counts = new BlockCounts(_blockId, _state.Version, _inventory.Counts());
        await GrainFactory.GetGrain<IEventGrain>(_eventId).ReportBlockCountsAsync(counts);
    }

    private async Task SetReminderAsync(bool on)
    {
        if (on)
        {
            await ReminderRegistration.RegisterAsync(this, ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else
        {
            await ReminderRegistration.UnregisterAsync(this, ExpiryReminder);
        }

        _reminderOn = on;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Block {EventId}/{BlockId} moved from its grain-state row into its journal ({Allocations} allocations)")]
    private static partial void LogMovedToJournal(ILogger logger, string eventId, string blockId, int allocations);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} holds expired in {EventId}/{BlockId}")]
    private static partial void LogHoldsExpired(ILogger logger, int count, string eventId, string blockId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing delta {Version} of {EventId}/{BlockId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventId, string blockId, long version);
}
