using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Observability;
using Tiketi.Orders;

namespace Tiketi.Seating;

/// <summary>
/// The single writer of one block's seats. Commands change seats synchronously (so they never
/// interleave halfway), then await a shared write: nothing is acknowledged before it is on disk, and a
/// rush of holds costs a few writes, each published as one versioned delta.
/// </summary>
[Reentrant]
public sealed partial class SeatBlockGrain(
    [PersistentState("block", StorageNames.Sale)] IPersistentState<SeatBlockState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IOptions<SaleOptions> options,
    TiketiMetrics metrics,
    DeepCopier<SeatBlockState> copier,
    ILogger<SeatBlockGrain> logger) : Grain, ISeatBlockGrain, IRemindable
{
    private const string ExpiryReminder = "hold-expiry";
    private SeatInventory _inventory = null!;
    private IAsyncStream<SeatDelta> _deltas = null!;
    private string _eventId = "";
    private string _blockId = "";
    private IGrainTimer? _sweepTimer;
    private IGrainTimer? _reportTimer;
    private bool _reminderOn;
    private bool _countsDirty;
    private int _reportedHolds;
    private StateWriteBatch _writes = null!;

    // The state commands change; storage is handed a copy of it at each write.
    private SeatBlockState _working = null!;
    private bool _forceWrite;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_eventId, _blockId) = GrainKeys.Split(this.GetPrimaryKeyString());
        _working = state.State;
        _inventory = new SeatInventory(_working);
        _deltas = this.GetStreamProvider(SaleStreams.Provider).GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, _eventId));
        _reminderOn = _inventory.HasHolds;
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
        var expired = SweepExpiredCounted(now);
        var result = HoldCounted(command, now);
        await CommitAsync();
        await EndExpiredAsync(expired);
        return result;
    }

    public async Task<Result> ReleaseAsync(string holdId, ReleaseReason reason)
    {
        if (ReleaseCounted(holdId, reason))
        {
            await CommitAsync();
            if (reason != ReleaseReason.BuyerReleased)
            {
                await GrainFactory.GetGrain<IOrderGrain>(holdId).HoldEndedAsync(reason);
            }
        }

        return Result.Success;
    }

    public async Task<Result<HoldGrant>> ConfirmAsync(string holdId)
    {
        var result = ConfirmCounted(holdId, clock.GetUtcNow());
        await CommitAsync();
        return result;
    }

    public async Task<Result> ReturnSoldAsync(string holdId)
    {
        if (ReturnSoldCounted(holdId))
        {
            await CommitAsync();
        }

        return Result.Success;
    }

    public async Task<BlockCancellation> CancelAllAsync()
    {
        var cancellation = CancelAllCounted();
        _forceWrite = true;
        await CommitAsync();
        return cancellation;
    }

    public Task<SeatMapSnapshot> GetSnapshotAsync() => Task.FromResult(
        new SeatMapSnapshot(_eventId, _blockId, _working.Version, [.. _working.Seats], _inventory.Counts()));

    public Task<ImmutableArray<AllocationView>> GetAllocationsAsync() => Task.FromResult(_inventory.Allocations());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A reminder with nothing left to expire is dropped by the next write, where all reminder changes happen.
        _reminderOn = true;
        _forceWrite |= !_inventory.HasHolds;
        await SweepAsync();
        await CommitAsync();
    }
}
