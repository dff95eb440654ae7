using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Orders;

/// <summary>Offers from the waitlist: a hold the sale itself grants, still under the per-buyer limit.</summary>
public sealed partial class BuyerGrain
{
    public async Task<Result<OrderView>> TakeWaitlistOfferAsync(WaitlistOfferCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        if (await GrainFactory.GetGrain<IEventGrain>(_eventId).GetAsync() is not { Status: EventStatus.OnSale } info || now >= info.Definition.SaleClosesAt)
        {
            return Result<OrderView>.Fail(Reasons.SaleClosed, "The sale has closed.");
        }

        var definition = info.Definition;
        await ReconcileAsync();
        var used = state.State.Orders.Values.Where(o => o.Counts(now)).Sum(o => o.Quantity);
        if (used + command.Quantity > definition.PerBuyerLimit)
        {
            return Result<OrderView>.Fail(Reasons.LimitReached, $"At most {definition.PerBuyerLimit} tickets per buyer; you already have {used}.");
        }

        // No queue pass: the waitlist, not the buyer, asks for this hold.
        var orderId = Guid.NewGuid().ToString("N");
        var hold = new HoldCommand(orderId, _buyerId, HoldSelection.Best(command.CategoryId, command.Quantity), now + definition.EffectiveHoldDuration);
        var granted = await GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(_eventId, command.BlockId)).ClaimReservationAsync(command.ReservationId, hold);
        if (!granted.IsSuccess)
        {
            return Result<OrderView>.Fail(granted.Code!, granted.Message!);
        }

        var order = GrainFactory.GetGrain<IOrderGrain>(orderId);
        await order.CreateAsync(HoldRules.Draft(definition, _eventId, _buyerId, granted.Value!, now));
        state.State.Orders[orderId] = new BuyerOrder
        {
            Status = OrderStatus.Held,
            Quantity = granted.Value!.Quantity,
            HoldExpiresAt = hold.ExpiresAt,
            FromWaitlist = true,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBuyerOrdersGrain>(_buyerId).AddAsync(orderId);
        return Result<OrderView>.Ok((await order.GetAsync())!);
    }

    /// <summary>An offered hold that is no longer held was taken (paid) or lapsed; the waitlist counts both.</summary>
    private Task TellWaitlistAsync(string orderId, BuyerOrder entry) =>
        entry.FromWaitlist && entry.Status != OrderStatus.Held
            ? GrainFactory.GetGrain<IWaitlistGrain>(_eventId).OfferEndedAsync(orderId, entry.Status)
            : Task.CompletedTask;
}
