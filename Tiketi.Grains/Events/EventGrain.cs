using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Events;

/// <summary>
/// An event's definition, status and live summary. Holds read it through each silo's
/// <see cref="EventCache"/>; its reads are [ReadOnly] and interleave; counts arrive from blocks as one-way reports.
/// </summary>
public sealed class EventGrain(
    [PersistentState("event", StorageNames.Sale)] IPersistentState<EventState> state,
    EventCache cache) : Grain, IEventGrain
{
    private readonly Dictionary<string, BlockCounts> _blocks = new(StringComparer.Ordinal);
    private bool? _soldOutSent;

    private string EventId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Counts live in memory only: after a restart, ask each block once.
        await FillMissingCountsAsync();
    }

    /// <summary>
    /// Asks blocks that have not reported yet for their counts. Blocks report on a timer after each
    /// change, so a summary read just after a definition (or on a slow machine) would otherwise show
    /// nothing available for them.
    /// </summary>
    private async Task FillMissingCountsAsync()
    {
        if (state.State.Definition is not { } definition)
        {
            return;
        }

        var missing = definition.Blocks.Where(b => !_blocks.ContainsKey(b.Id)).Select(b => Block(b.Id).GetSnapshotAsync()).ToList();
        foreach (var snapshot in await Task.WhenAll(missing))
        {
            if (!_blocks.TryGetValue(snapshot.BlockId, out var known) || known.Version < snapshot.Version)
            {
                _blocks[snapshot.BlockId] = new BlockCounts(snapshot.BlockId, snapshot.Version, snapshot.Counts);
            }
        }
    }

    public async Task<Result<EventInfo>> DefineAsync(EventDefinition definition)
    {
        if (!GrainKeys.IsValidId(EventId))
        {
            return Result<EventInfo>.Fail(Reasons.InvalidEvent, "Event ids are 1-64 letters, digits, '-' or '_'.");
        }

        if (state.State.Definition is not null && state.State.Status != EventStatus.Draft)
        {
            return Result<EventInfo>.Fail(Reasons.EventNotEditable, "Only a draft event can be redefined.");
        }

        var valid = EventRules.Validate(definition);
        if (!valid.IsSuccess)
        {
            return Result<EventInfo>.From(valid);
        }

        ImmutableArray<string> categoryIds = [.. definition.Categories.Select(c => c.Id)];
        var configured = await Task.WhenAll(definition.Blocks.Select(b => Block(b.Id).ConfigureAsync(b, categoryIds)));
        if (configured.FirstOrDefault(r => !r.IsSuccess) is { } failure)
        {
            return Result<EventInfo>.From(failure);
        }

        state.State.Definition = definition;
        state.State.Revision++;
        await state.WriteStateAsync();
        cache.Update(Info());

        // A redefined draft may have dropped blocks: their counts must not linger in the summary.
        foreach (var gone in _blocks.Keys.Where(id => !definition.Blocks.Any(b => b.Id == id)).ToList())
        {
            _blocks.Remove(gone);
        }

        await ListAsync();
        await GrainFactory.GetGrain<IWaitingQueueGrain>(EventId).ScheduleAsync(definition.QueueSchedule);
        return Result<EventInfo>.Ok(Info());
    }

    public async Task<Result<EventInfo>> OpenSaleAsync()
    {
        // Handed over again in case the queue missed it at definition (a failed call); it is idempotent.
        var moved = await MoveAsync(EventStatus.OnSale);
        if (moved.IsSuccess)
        {
            await GrainFactory.GetGrain<IWaitingQueueGrain>(EventId).ScheduleAsync(state.State.Definition!.QueueSchedule);
        }

        return moved;
    }

    public async Task<Result<EventInfo>> CloseSaleAsync()
    {
        var moved = await MoveAsync(EventStatus.Closed);
        if (moved.IsSuccess)
        {
            await GrainFactory.GetGrain<IWaitlistGrain>(EventId).SaleEndedAsync();
        }

        return moved;
    }

    public async Task<Result<EventInfo>> CancelAsync()
    {
        var moved = await MoveAsync(EventStatus.Cancelled);
        if (!moved.IsSuccess)
        {
            return moved;
        }

        // The cancellation is durable first; the refunds below are idempotent, so a retry finishes them.
        var cancellations = await Task.WhenAll(state.State.Definition!.Blocks.Select(b => Block(b.Id).CancelAllAsync()));
        foreach (var cancellation in cancellations)
        {
            await Task.WhenAll(cancellation.SoldHoldIds.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).RefundAsync()));
            await Task.WhenAll(cancellation.ReleasedHoldIds.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).HoldEndedAsync(ReleaseReason.EventCancelled)));
        }

        await GrainFactory.GetGrain<IWaitingQueueGrain>(EventId).SetSoldOutAsync(true);
        await GrainFactory.GetGrain<IWaitlistGrain>(EventId).SaleEndedAsync();
        return moved;
    }

    public Task<EventInfo?> GetAsync() => Task.FromResult(state.State.Definition is null ? null : Info());

    public async Task<EventSummary?> GetSummaryAsync()
    {
        if (state.State.Definition is null)
        {
            return null;
        }

        await FillMissingCountsAsync();

        var byCategory = _blocks.Values.SelectMany(b => b.ByCategory)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Aggregate(InventoryCounts.Zero, (a, kv) => a.Add(kv.Value)), StringComparer.Ordinal);
        var byBlock = _blocks.ToImmutableDictionary(b => b.Key, b => b.Value.Total, StringComparer.Ordinal);
        var total = byBlock.Values.Aggregate(InventoryCounts.Zero, (a, b) => a.Add(b));
        return new EventSummary(EventId, state.State.Status, total, byCategory, byBlock);
    }

    public async Task ReportBlockCountsAsync(BlockCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (_blocks.TryGetValue(counts.BlockId, out var known) && known.Version >= counts.Version)
        {
            return;
        }

        // A block a redefined draft dropped may still report what its last write changed: it is no longer counted.
        if (state.State.Definition?.Blocks.Any(b => b.Id == counts.BlockId) != true)
        {
            return;
        }

        _blocks[counts.BlockId] = counts;
        var total = _blocks.Values.Aggregate(InventoryCounts.Zero, (a, b) => a.Add(b.Total));
        var soldOut = total.Available + total.Held == 0 || state.State.Status == EventStatus.Cancelled;
        if (_soldOutSent != soldOut && _blocks.Count == state.State.Definition?.Blocks.Length)
        {
            _soldOutSent = soldOut;
            await GrainFactory.GetGrain<IWaitingQueueGrain>(EventId).SetSoldOutAsync(soldOut);

            // The home page's card says "sold out" from the catalogue: the same truth as the event page.
            await ListAsync();
        }
    }

    private async Task<Result<EventInfo>> MoveAsync(EventStatus to)
    {
        if (state.State.Definition is null)
        {
            return Result<EventInfo>.Fail(Reasons.EventNotFound, "The event does not exist.");
        }

        var allowed = EventRules.CanMove(state.State.Status, to);
        if (!allowed.IsSuccess)
        {
            return Result<EventInfo>.From(allowed);
        }

        state.State.Status = to;
        state.State.Revision++;
        await state.WriteStateAsync();

        // This silo's holds see the change at once; other silos' within their cache's staleness bound.
        cache.Update(Info());
        await ListAsync();
        return Result<EventInfo>.Ok(Info());
    }

    private Task ListAsync()
    {
        var d = state.State.Definition!;
        return GrainFactory.GetGrain<IEventCatalogGrain>(IEventCatalogGrain.Key)
            .UpsertAsync(new EventListing(EventId, d.Title, d.Artist, d.Venue, d.StartsAt, d.SaleOpensAt, state.State.Status,
                state.State.Status == EventStatus.OnSale && _soldOutSent == true, d.EffectiveTimeZone));
    }

    private EventInfo Info() => new(EventId, state.State.Definition!, state.State.Status, state.State.Revision);

    private ISeatBlockGrain Block(string blockId) => GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(EventId, blockId));
}
