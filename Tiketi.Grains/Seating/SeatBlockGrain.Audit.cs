using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// The block's on-sale audit: each inventory command goes through a counted twin that records what
/// happened to the hold in <c>_working</c>, in the same synchronous step as the change itself, so the
/// count rides the same batched write and can never disagree with the seats on disk.
/// </summary>
public sealed partial class SeatBlockGrain
{
    private BlockAuditCounters? _audit;

    private BlockAuditCounters Audit => _audit ??= new BlockAuditCounters(_working, _inventory.SeatsPerCategory);

    public Task<BlockAudit> GetAuditAsync() => Task.FromResult(Audit.Snapshot(_eventId, _blockId, _inventory.Counts()));

    private Result<HoldGrant> HoldCounted(HoldCommand command, DateTimeOffset now)
    {
        // A retried hold command is answered from the existing hold and is not a new hold.
        var isNew = _inventory.Find(command.HoldId) is null;
        var result = _inventory.Hold(command, now);
        if (isNew && result.IsSuccess)
        {
            Audit.Record(HoldEvent.Placed, _inventory.Find(command.HoldId)!);
        }

        return result;
    }

    private List<string> SweepExpiredCounted(DateTimeOffset now)
    {
        // The sweep forgets the allocations it drops, so they are looked up first.
        var due = _working.Allocations.Where(a => a.Value.Status == AllocationStatus.Held && a.Value.ExpiresAt <= now)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var expired = _inventory.SweepExpired(now);
        foreach (var holdId in expired)
        {
            Audit.Record(HoldEvent.Expired, due[holdId]);
        }

        return expired;
    }

    private bool ReleaseCounted(string holdId, ReleaseReason reason)
    {
        var allocation = _inventory.Find(holdId);
        if (!_inventory.Release(holdId))
        {
            return false;
        }

        Audit.Record(reason switch
        {
            ReleaseReason.BuyerReleased => HoldEvent.ReleasedByBuyer,
            ReleaseReason.ForcedByAdmin => HoldEvent.ReleasedByAdmin,
            ReleaseReason.Expired => HoldEvent.Expired,
            _ => HoldEvent.ReleasedOther,
        }, allocation!);
        return true;
    }

    private Result<HoldGrant> ConfirmCounted(string holdId, DateTimeOffset now)
    {
        var allocation = _inventory.Find(holdId);
        var wasHeld = allocation?.Status == AllocationStatus.Held;
        var result = _inventory.Confirm(holdId, now);
        if (wasHeld)
        {
            // Confirming a hold past its time drops it: that hold expired, it was not sold.
            Audit.Record(result.IsSuccess ? HoldEvent.Sold : HoldEvent.Expired, allocation!);
        }

        return result;
    }

    private bool ReturnSoldCounted(string holdId)
    {
        var allocation = _inventory.Find(holdId);
        if (!_inventory.ReturnSold(holdId))
        {
            return false;
        }

        Audit.Record(HoldEvent.Returned, allocation!);
        return true;
    }

    private BlockCancellation CancelAllCounted()
    {
        var held = _working.Allocations.Values.Where(a => a.Status == AllocationStatus.Held).ToList();
        var cancellation = _inventory.CancelAll();
        foreach (var allocation in held)
        {
            Audit.Record(HoldEvent.ReleasedOther, allocation);
        }

        return cancellation;
    }

    /// <summary>Called in the write's synchronous step, just before the copy: stamps when categories ran out.</summary>
    private void ObserveSellOut() => Audit.Observe(_inventory.Counts(), clock.GetUtcNow());
}
