using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Orders;

/// <summary>
/// One buyer's purchases for one event. Holds for a buyer pass through here one at a time, so the
/// per-buyer limit cannot be beaten by racing requests, and no event-wide grain counts purchases.
/// A hold's critical path is three grain calls: the caller's, the block's hold, and the order's
/// creation (side by side with this grain's own write and, once per activation, the buyer's event list).
/// </summary>
public sealed class BuyerGrain(
    [PersistentState("buyer", StorageNames.Sale)] IPersistentState<BuyerState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    QueuePass passes,
    EventCache events) : Grain, IBuyerGrain
{
    private string _eventId = "";
    private string _buyerId = "";

    // Whether this activation made sure the buyer's event list names this event; adding is idempotent.
    private bool _listed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_eventId, _buyerId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<Result<OrderView>> HoldAsync(HoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IdempotencyKey is { } key && !HoldKeys.IsValid(key))
        {
            return Result<OrderView>.Fail(Reasons.IdempotencyKeyInvalid, "An idempotency key is 8-64 letters, digits, '-' or '_'.");
        }

        var orderId = HoldKeys.OrderId(_eventId, _buyerId, request.IdempotencyKey);
        if (request.IdempotencyKey is not null && state.State.Orders.ContainsKey(orderId))
        {
            if (await Order(orderId).GetAsync() is { } known)
            {
                // A retry: the order this key already named, as it is now.
                await ListEventAsync();
                return Result<OrderView>.Ok(known);
            }

            // Recorded here but never created: the silo died between this grain's write and the order's (they
            // go side by side). The block still holds the seats under this id and gives them back to the hold
            // below, so the retry ends with the one hold it asked for instead of counting it against the limit.
            state.State.Orders.Remove(orderId);
        }

        var now = clock.GetUtcNow();
        var info = await events.GetAsync(_eventId);
        var admitted = HoldRules.Check(info, request, now);
        if (admitted.IsSuccess && info!.Definition.QueueEnabled)
        {
            admitted = passes.Verify(request.Pass, _eventId, _buyerId, now);
        }

        if (!admitted.IsSuccess)
        {
            return Result<OrderView>.From(admitted);
        }

        var definition = info!.Definition;
        var room = await RoomForAsync(request.Selection.Count, definition.PerBuyerLimit, now);
        if (!room.IsSuccess)
        {
            return Result<OrderView>.From(room);
        }

        var command = new HoldCommand(orderId, _buyerId, request.Selection, now + definition.EffectiveHoldDuration);
        var granted = await Block(request.BlockId).HoldAsync(command);
        if (!granted.IsSuccess)
        {
            return Result<OrderView>.Fail(granted.Code!, granted.Message!);
        }

        var order = await RecordAsync(orderId, HoldRules.Draft(definition, _eventId, _buyerId, granted.Value!, now), fromWaitlist: false);
        await GrainFactory.GetGrain<IWaitingQueueGrain>(_eventId).TouchAsync(_buyerId);
        return Result<OrderView>.Ok(order);
    }

    /// <summary>An offer from the waitlist: a hold the sale itself grants, still under the per-buyer limit, with no queue pass.</summary>
    public async Task<Result<OrderView>> TakeWaitlistOfferAsync(WaitlistOfferCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        if (await events.GetAsync(_eventId) is not { Status: EventStatus.OnSale } info || now >= info.Definition.SaleClosesAt)
        {
            return Result<OrderView>.Fail(Reasons.SaleClosed, "The sale has closed.");
        }

        var definition = info.Definition;
        var room = await RoomForAsync(command.Quantity, definition.PerBuyerLimit, now);
        if (!room.IsSuccess)
        {
            return Result<OrderView>.From(room);
        }

        var orderId = HoldKeys.OrderId(_eventId, _buyerId, key: null);
        var hold = new HoldCommand(orderId, _buyerId, HoldSelection.Best(command.CategoryId, command.Quantity), now + definition.EffectiveHoldDuration);
        var granted = await Block(command.BlockId).ClaimReservationAsync(command.ReservationId, hold);
        if (!granted.IsSuccess)
        {
            return Result<OrderView>.Fail(granted.Code!, granted.Message!);
        }

        return Result<OrderView>.Ok(await RecordAsync(orderId, HoldRules.Draft(definition, _eventId, _buyerId, granted.Value!, now), fromWaitlist: true));
    }

    public async Task<BuyerEventView> GetAsync()
    {
        // Read-only: the truth of orders that still look held is asked for, not kept here.
        var now = clock.GetUtcNow();
        var orders = state.State.Orders.ToDictionary(o => o.Key, o => (o.Value.Status, o.Value.Quantity, o.Value.HoldExpiresAt));
        foreach (var view in await AskAsync(BuyerLimit.Uncertain(state.State.Orders)))
        {
            orders[view.OrderId] = orders[view.OrderId] with { Status = view.Status };
        }

        return new BuyerEventView(
            _eventId,
            _buyerId,
            orders.Values.Where(o => o.Status == OrderStatus.Held && o.HoldExpiresAt > now).Sum(o => o.Quantity),
            orders.Values.Where(o => o.Status == OrderStatus.Paid).Sum(o => o.Quantity),
            [.. orders.Keys]);
    }

    /// <summary>
    /// Kept in memory only: the limit never trusts a recorded "held" without asking (see <see cref="BuyerLimit"/>),
    /// and the next hold's write carries the news, so a notice costs no write of its own.
    /// </summary>
    public async Task OrderChangedAsync(string orderId, OrderStatus status, int quantity)
    {
        if (state.State.Orders.TryGetValue(orderId, out var entry) && entry.Status != status)
        {
            entry.Status = status;
            await TellWaitlistAsync(orderId, entry);
        }
    }

    /// <summary>Whether <paramref name="count"/> more tickets fit the limit; the held orders are asked only when it could matter.</summary>
    private async Task<Result> RoomForAsync(int count, int limit, DateTimeOffset now)
    {
        if (BuyerLimit.MostUsed(state.State.Orders) + count <= limit)
        {
            return Result.Success;
        }

        await ReconcileAsync();
        var used = BuyerLimit.Used(state.State.Orders, now);
        return used + count > limit
            ? Result.Fail(Reasons.LimitReached, $"At most {limit} tickets per buyer; you already have {used}.")
            : Result.Success;
    }

    /// <summary>Notices from orders are one-way and die with a silo: the orders still recorded as held are asked, all at once.</summary>
    private async Task ReconcileAsync()
    {
        var changed = new List<string>();
        foreach (var view in await AskAsync(BuyerLimit.Uncertain(state.State.Orders)))
        {
            var entry = state.State.Orders[view.OrderId];
            if (entry.Status != view.Status)
            {
                entry.Status = view.Status;
                changed.Add(view.OrderId);
            }
        }

        // A lost notice would otherwise leave a waitlist offer uncounted.
        await Task.WhenAll(changed.Select(id => TellWaitlistAsync(id, state.State.Orders[id])));
    }

    /// <summary>
    /// Records a granted hold as this buyer's order: the order's creation, this grain's write and (once
    /// per activation) the buyer's event list go side by side. The order comes back from its creation,
    /// so nothing reads it again; a retried key may find it already paid or ended.
    /// </summary>
    private async Task<OrderView> RecordAsync(string orderId, OrderDraft draft, bool fromWaitlist)
    {
        var entry = new BuyerOrder { Status = OrderStatus.Held, Quantity = draft.Lines.Sum(l => l.Quantity), HoldExpiresAt = draft.HoldExpiresAt, FromWaitlist = fromWaitlist };
        state.State.Orders[orderId] = entry;
        BuyerLimit.Prune(state.State.Orders);
        var created = Order(orderId).CreateAsync(draft);
        await Task.WhenAll(created, state.WriteStateAsync(), ListEventAsync());
        var order = await created;
        entry.Status = order.Status;
        if (order.Status is not (OrderStatus.Held or OrderStatus.Paid))
        {
            // A key reused long after its hold ended: the block just held seats again under the old id; give them back.
            await Block(order.BlockId).ReleaseAsync(orderId, ReleaseReason.BuyerReleased);
        }

        return order;
    }

    private async Task ListEventAsync()
    {
        if (!_listed)
        {
            await GrainFactory.GetGrain<IBuyerEventsGrain>(_buyerId).AddAsync(_eventId);
            _listed = true;
        }
    }

    private async Task<OrderView[]> AskAsync(List<string> orderIds) =>
        orderIds.Count == 0 ? [] : [.. (await Task.WhenAll(orderIds.Select(id => Order(id).GetAsync()))).OfType<OrderView>()];

    /// <summary>An offered hold that is no longer held was taken (paid) or lapsed; the waitlist counts both.</summary>
    private Task TellWaitlistAsync(string orderId, BuyerOrder entry) =>
        entry.FromWaitlist && entry.Status != OrderStatus.Held
            ? GrainFactory.GetGrain<IWaitlistGrain>(_eventId).OfferEndedAsync(orderId, entry.Status)
            : Task.CompletedTask;

    private IOrderGrain Order(string orderId) => GrainFactory.GetGrain<IOrderGrain>(orderId);

    private ISeatBlockGrain Block(string blockId) => GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(_eventId, blockId));
}
