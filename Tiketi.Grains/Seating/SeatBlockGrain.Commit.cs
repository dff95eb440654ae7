using Microsoft.Extensions.Logging;
using Tiketi.Events;
using Tiketi.Orders;

namespace Tiketi.Seating;

/// <summary>Persisting, publishing and the timers that keep holds on time.</summary>
public sealed partial class SeatBlockGrain
{
    private async Task SweepAsync()
    {
        var expired = SweepExpiredCounted(clock.GetUtcNow());
        if (expired.Count > 0)
        {
            await CommitAsync();
            await EndExpiredAsync(expired);
        }
    }

    private async Task EndExpiredAsync(List<string> expired)
    {
        if (expired.Count == 0)
        {
            return;
        }

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
            await GrainFactory.GetGrain<IOrderGrain>(holdId).HoldEndedAsync(ReleaseReason.Expired);
        }
    }

    /// <summary>
    /// Waits until everything changed so far is on disk. Always call it after a change: even when another
    /// command's write already carries this change, the answer must wait for that write to finish.
    /// </summary>
    private async Task CommitAsync()
    {
        // Stamped in the command's own turn, so a reservation is never on disk without its guard. A hold
        // that became a reservation changes no seat, but must be written all the same.
        _forceWrite |= _inventory.HasNewReservations;
        var reserved = _inventory.TakeNewReservations(clock.GetUtcNow() + SeatInventory.ReservationGuard);
        await _writes.WriteAsync();
        await TellWaitlistAsync(reserved);
    }

    /// <summary>One batched write: state, then the delta, then timers and the reminder. Runs one at a time.</summary>
    private async Task FlushAsync()
    {
        if (!_inventory.HasChanges && !_forceWrite)
        {
            return;
        }

        _forceWrite = false;
        if (_inventory.HasHolds && !_reminderOn)
        {
            // Registered before the write, so a hold is never on disk without something to expire it.
            await SetReminderAsync(true);
        }

        var changes = _inventory.TakeChanges();
        ObserveSellOut();
        _working.Version++;
        state.State = copier.Copy(_working);
        await state.WriteStateAsync();

        ReportHolds();
        var delta = new SeatDelta(_eventId, _blockId, _working.Version, changes, _inventory.Counts());
        try
        {
            await _deltas.OnNextAsync(delta);
        }
        catch (Exception exception)
        {
            // Watchers detect the version gap and fetch a snapshot; the sale itself must not fail.
            LogPublishFailed(logger, exception, _eventId, _blockId, delta.Version);
        }

        _countsDirty = true;
        _reportTimer ??= this.RegisterGrainTimer(ReportCountsAsync, new GrainTimerCreationOptions(options.Value.CountsReportInterval, options.Value.CountsReportInterval));
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

    /// <summary>Moves <c>tiketi_holds_active</c> by the change in this block's holds since the last report.</summary>
    private void ReportHolds()
    {
        var held = _working.Allocations.Values.Count(a => a.Status == AllocationStatus.Held && a.BuyerId != SeatInventory.WaitlistHolder);
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
        var counts = new BlockCounts(_blockId, _working.Version, _inventory.Counts());
        await GrainFactory.GetGrain<IEventGrain>(_eventId).ReportBlockCountsAsync(counts);
    }

    private async Task SetReminderAsync(bool on)
    {
        if (on)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = on;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} holds expired in {EventId}/{BlockId}")]
    private static partial void LogHoldsExpired(ILogger logger, int count, string eventId, string blockId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing delta {Version} of {EventId}/{BlockId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventId, string blockId, long version);
}
