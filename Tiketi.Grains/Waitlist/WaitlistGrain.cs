using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Waitlist;

/// <summary>
/// The waitlist of one sale. Not reentrant: it only works once a sale is sold out, at the pace seats come
/// back, and one command at a time keeps "first in join order gets the seats" simple to trust. Blocks
/// reach it one-way only, and it reaches them (and buyers) by request, so no call cycle can form.
/// </summary>
public sealed partial class WaitlistGrain(
    [PersistentState("waitlist", StorageNames.Sale)] IPersistentState<WaitlistState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    ILogger<WaitlistGrain> logger) : Grain, IWaitlistGrain
{
    private WaitlistBook _book = null!;

    private string EventId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new WaitlistBook(state.State);
        return Task.CompletedTask;
    }

    public async Task<Result<WaitlistStatus>> JoinAsync(string buyerId, string categoryId, int quantity)
    {
        var info = await GrainFactory.GetGrain<IEventGrain>(EventId).GetAsync();
        var open = await CheckOpenAsync(info);
        if (!open.IsSuccess)
        {
            return Result<WaitlistStatus>.From(open);
        }

        var definition = info!.Definition;
        if (!definition.Categories.Any(c => c.Id == categoryId))
        {
            return Result<WaitlistStatus>.Fail(Reasons.UnknownCategory, $"Category '{categoryId}' does not exist.");
        }

        // A returning buyer keeps the place even if seats came back meanwhile (they are reserved for the line).
        if (_book.Find(buyerId) is null)
        {
            // A category no block has reported yet is not known to be sold out. Wheelchair pairs left on the map
            // do not count: the waitlist offers quantities, which never take them.
            var summary = await GrainFactory.GetGrain<IEventGrain>(EventId).GetSummaryAsync();
            if (summary?.ByCategory.GetValueOrDefault(categoryId) is not { OpenAvailable: 0 })
            {
                return Result<WaitlistStatus>.Fail(Reasons.SeatsAvailable, "Seats of this category are still on sale; hold them instead.");
            }

            // Checked again at offer time; refusing now spares a wait for an offer that could never be granted.
            var buyer = await GrainFactory.GetGrain<IBuyerGrain>(GrainKeys.Buyer(EventId, buyerId)).GetAsync();
            var used = buyer.TicketsHeld + buyer.TicketsPaid;
            if (quantity >= 1 && quantity <= definition.PerBuyerLimit && used + quantity > definition.PerBuyerLimit)
            {
                return Result<WaitlistStatus>.Fail(Reasons.LimitReached, $"At most {definition.PerBuyerLimit} tickets per buyer; you already have {used}.");
            }
        }

        var joined = _book.Join(buyerId, categoryId, quantity, definition.PerBuyerLimit, clock.GetUtcNow());
        if (!joined.IsSuccess)
        {
            return Result<WaitlistStatus>.From(new Result(joined.Code, joined.Message));
        }

        await state.WriteStateAsync();
        await SyncWantedAsync(definition);
        return Result<WaitlistStatus>.Ok(_book.Status(EventId, buyerId));
    }

    public async Task<WaitlistStatus> LeaveAsync(string buyerId)
    {
        if (_book.Leave(buyerId))
        {
            await state.WriteStateAsync();
            if (await GrainFactory.GetGrain<IEventGrain>(EventId).GetAsync() is { } info)
            {
                await SyncWantedAsync(info.Definition);
            }
        }

        return _book.Status(EventId, buyerId);
    }

    public Task<WaitlistStatus> GetStatusAsync(string buyerId) => Task.FromResult(_book.Status(EventId, buyerId));

    public Task<WaitlistAudit> GetAuditAsync() => Task.FromResult(_book.Audit(EventId));

    public async Task SaleEndedAsync() =>
        await CheckOpenAsync(await GrainFactory.GetGrain<IEventGrain>(EventId).GetAsync());

    public async Task OfferEndedAsync(string orderId, OrderStatus status)
    {
        if (_book.OfferEnded(orderId, status))
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>
    /// Offers the reserved seats, in join order, to each entry whose quantity fits what is left; what
    /// nobody fits goes back on sale at once rather than waiting for the block's guard.
    /// </summary>
    public async Task SeatsReservedAsync(WaitlistReservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var block = GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(EventId, reservation.BlockId));
        var info = await GrainFactory.GetGrain<IEventGrain>(EventId).GetAsync();
        if (!(await CheckOpenAsync(info)).IsSuccess)
        {
            await block.ReleaseReservationAsync(reservation.ReservationId);
            return;
        }

        var left = reservation.Quantity;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var gone = false;
        while (left > 0 && !gone && _book.NextFitting(reservation.CategoryId, left, tried) is { } entry)
        {
            tried.Add(entry.BuyerId);
            var offer = new WaitlistOfferCommand(reservation.BlockId, reservation.ReservationId, reservation.CategoryId, entry.Quantity);
            var taken = await GrainFactory.GetGrain<IBuyerGrain>(GrainKeys.Buyer(EventId, entry.BuyerId)).TakeWaitlistOfferAsync(offer);
            if (taken.IsSuccess)
            {
                left -= entry.Quantity;
                _book.Offered(entry, taken.Value!.OrderId, taken.Value.HoldExpiresAt, clock.GetUtcNow());
                await state.WriteStateAsync();
                await NotifyAsync(entry.BuyerId, taken.Value);
            }
            else if (taken.Code == Reasons.LimitReached)
            {
                // The buyer has bought or holds enough elsewhere: the wish can never be granted, so it ends.
                _book.Leave(entry.BuyerId);
                await state.WriteStateAsync();
            }
            else
            {
                // The reservation ran out or the sale ended; the entry keeps its place for the next seats.
                gone = taken.Code is Reasons.HoldExpired or Reasons.SaleClosed;
                LogOfferRefused(logger, entry.BuyerId, EventId, taken.Code);
            }
        }

        if (left > 0 && !gone)
        {
            await block.ReleaseReservationAsync(reservation.ReservationId);
        }

        await SyncWantedAsync(info!.Definition);
    }

    /// <summary>The sale must be on; once it is not, the waitlist closes for good and blocks stop reserving.</summary>
    private async Task<Result> CheckOpenAsync(EventInfo? info)
    {
        if (info is null)
        {
            return Result.Fail(Reasons.EventNotFound, "The event does not exist.");
        }

        var ended = info.Status is EventStatus.Cancelled or EventStatus.Closed || clock.GetUtcNow() >= info.Definition.SaleClosesAt;
        if (ended && !_book.Closed)
        {
            _book.Close();
            await state.WriteStateAsync();
            await SyncWantedAsync(info.Definition);
        }

        return info.Status == EventStatus.Cancelled ? Result.Fail(Reasons.EventCancelled, "The event was cancelled.")
            : ended || _book.Closed ? Result.Fail(Reasons.SaleClosed, "The sale has closed.")
            : info.Status != EventStatus.OnSale ? Result.Fail(Reasons.SaleNotOpen, "The sale has not opened yet.")
            : Result.Success;
    }

    /// <summary>Tells the blocks selling each category whether the waitlist now wants it; recorded so each change is sent once.</summary>
    private async Task SyncWantedAsync(EventDefinition definition)
    {
        var now = _book.WantedNow();
        var changes = now.Except(state.State.Wanted).Select(c => (Category: c, Wanted: true))
            .Concat(state.State.Wanted.Except(now).Select(c => (Category: c, Wanted: false))).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        await Task.WhenAll(changes.SelectMany(change => BlocksSelling(definition, change.Category)
            .Select(blockId => GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(EventId, blockId)).SetWaitlistWantedAsync(change.Category, change.Wanted))));
        state.State.Wanted = now;
        await state.WriteStateAsync();
    }

    private static IEnumerable<string> BlocksSelling(EventDefinition definition, string categoryId) =>
        definition.Blocks.Where(b => b.Rows.Any(r => r.Runs.Any(run => run.CategoryId == categoryId))
            || b.Capacities.Any(a => a.CategoryId == categoryId)).Select(b => b.Id);

    private async Task NotifyAsync(string buyerId, OrderView order)
    {
        try
        {
            var stream = this.GetStreamProvider(SaleStreams.Provider).GetStream<BuyerNotice>(StreamId.Create(SaleStreams.Buyers, SaleStreams.BuyerShard(buyerId)));
            await stream.OnNextAsync(new BuyerNotice(buyerId, order.OrderId, BuyerNoticeKind.WaitlistOffer, clock.GetUtcNow(), order.HoldExpiresAt));
        }
        catch (Exception exception)
        {
            // The hold is already the buyer's; the waitlist status and the orders page still show it.
            LogNoticeFailed(logger, exception, order.OrderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waitlist offer to {BuyerId} in {EventId} refused: {Code}")]
    private static partial void LogOfferRefused(ILogger logger, string buyerId, string eventId, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the waitlist offer of order {OrderId} failed")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string orderId);
}
