using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>
/// One buyer's purchases for one event. Holds for a buyer pass through here one at a time, so the
/// per-buyer limit cannot be beaten by racing requests, and no event-wide grain counts purchases.
/// </summary>
public sealed partial class BuyerGrain(
    [PersistentState("buyer", StorageNames.Sale)] IPersistentState<BuyerState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    QueuePass passes) : Grain, IBuyerGrain
{
    private string _eventId = "";
    private string _buyerId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_eventId, _buyerId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<Result<OrderView>> HoldAsync(HoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var info = await GrainFactory.GetGrain<IEventGrain>(_eventId).GetAsync();
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
        await ReconcileAsync();
        var used = state.State.Orders.Values.Where(o => o.Counts(now)).Sum(o => o.Quantity);
        if (used + request.Selection.Count > definition.PerBuyerLimit)
        {
            return Result<OrderView>.Fail(Reasons.LimitReached, $"At most {definition.PerBuyerLimit} tickets per buyer; you already have {used}.");
        }

        var orderId = Guid.NewGuid().ToString("N");
        var command = new HoldCommand(orderId, _buyerId, request.Selection, now + definition.EffectiveHoldDuration);
        var granted = await GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(_eventId, request.BlockId)).HoldAsync(command);
        if (!granted.IsSuccess)
        {
            return Result<OrderView>.Fail(granted.Code!, granted.Message!);
        }

        var draft = HoldRules.Draft(definition, _eventId, _buyerId, granted.Value!, now);
        var order = GrainFactory.GetGrain<IOrderGrain>(orderId);
        await order.CreateAsync(draft);
        state.State.Orders[orderId] = new BuyerOrder { Status = OrderStatus.Held, Quantity = granted.Value!.Quantity, HoldExpiresAt = command.ExpiresAt };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBuyerOrdersGrain>(_buyerId).AddAsync(orderId);
        await GrainFactory.GetGrain<IWaitingQueueGrain>(_eventId).TouchAsync(_buyerId);
        return Result<OrderView>.Ok((await order.GetAsync())!);
    }

    /// <summary>
    /// Notices from orders are one-way and die with a silo, so before counting against the limit the
    /// orders that still look held are asked for the truth. Only a handful ever are.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var held = state.State.Orders.Where(o => o.Value.Status == OrderStatus.Held).Select(o => o.Key).ToList();
        var views = await Task.WhenAll(held.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).GetAsync()));
        var changed = new List<string>();
        foreach (var view in views.OfType<OrderView>())
        {
            var entry = state.State.Orders[view.OrderId];
            if (entry.Status != view.Status)
            {
                changed.Add(view.OrderId);
            }

            entry.Status = view.Status;
        }

        if (changed.Count > 0)
        {
            await state.WriteStateAsync();

            // A lost notice would otherwise leave a waitlist offer uncounted.
            foreach (var orderId in changed)
            {
                await TellWaitlistAsync(orderId, state.State.Orders[orderId]);
            }
        }
    }

    public async Task<BuyerEventView> GetAsync()
    {
        // Read-only: the truth of orders that still look held is asked for, not written back here.
        var now = clock.GetUtcNow();
        var orders = state.State.Orders.ToDictionary(o => o.Key, o => (o.Value.Status, o.Value.Quantity, o.Value.HoldExpiresAt));
        var held = orders.Where(o => o.Value.Status == OrderStatus.Held).Select(o => o.Key).ToList();
        foreach (var view in (await Task.WhenAll(held.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).GetAsync()))).OfType<OrderView>())
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

    public async Task OrderChangedAsync(string orderId, OrderStatus status, int quantity)
    {
        if (state.State.Orders.TryGetValue(orderId, out var entry) && entry.Status != status)
        {
            entry.Status = status;
            await state.WriteStateAsync();
            await TellWaitlistAsync(orderId, entry);
        }
    }
}
