using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Orders;

/// <summary>Whether a buyer may hold right now, and how a granted hold is priced into an order.</summary>
public static class HoldRules
{
    public static Result Check(EventInfo? info, HoldRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (info is null)
        {
            return Result.Fail(Reasons.EventNotFound, "The event does not exist.");
        }

        var definition = info.Definition;
        var status = info.Status;
        if (status == EventStatus.Cancelled)
        {
            return Result.Fail(Reasons.EventCancelled, "The event was cancelled.");
        }

        if (status == EventStatus.Closed || now >= definition.SaleClosesAt)
        {
            return Result.Fail(Reasons.SaleClosed, "The sale has closed.");
        }

        if (status != EventStatus.OnSale || now < definition.SaleOpensAt)
        {
            return Result.Fail(Reasons.SaleNotOpen, "The sale has not opened yet.");
        }

        if (!definition.Blocks.Any(b => b.Id == request.BlockId))
        {
            return Result.Fail(Reasons.UnknownBlock, $"Block '{request.BlockId}' does not exist.");
        }

        var selection = request.Selection;
        return selection is null || selection.Count < 1 || selection.Count > definition.PerBuyerLimit
            || (!selection.IsExplicit && selection.CategoryId is null)
            ? Result.Fail(Reasons.InvalidSelection, $"Choose between 1 and {definition.PerBuyerLimit} seats, or a category and a quantity.")
            : Result.Success;
    }

    public static OrderDraft Draft(EventDefinition definition, string eventId, string buyerId, HoldGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(grant);
        var prices = definition.Categories.ToDictionary(c => c.Id, c => c.Price, StringComparer.Ordinal);
        ImmutableArray<OrderLine> lines = [.. grant.Items.Select(i => new OrderLine(i.SeatId, i.CategoryId, i.Quantity, prices[i.CategoryId]))];
        var currency = definition.Categories.IsDefaultOrEmpty ? "KRW" : definition.Categories[0].Currency;
        return new OrderDraft(eventId, buyerId, grant.BlockId, lines, currency, grant.ExpiresAt, now, definition.StartsAt);
    }
}
