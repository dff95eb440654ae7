using Tiketi.Orders;

namespace Tiketi.Api.Orders;

public sealed record OrderLineDto(string? SeatId, string CategoryId, int Quantity, long UnitPrice);

public sealed record MoneyDto(long Amount, string Currency);

public sealed record TicketDto(string TicketId, string? SeatId, string CategoryId, string Code);

/// <summary>
/// An order as its buyer sees it. A hold is an order in status "held". <see cref="RefundableUntil"/>: a paid
/// order is refunded in full when cancelled before then (the refund policy the page states).
/// </summary>
public sealed record OrderDto(
    string OrderId, string EventId, string BlockId, OrderStatus Status,
    IReadOnlyList<OrderLineDto> Lines, MoneyDto Total,
    DateTimeOffset HoldExpiresAt, DateTimeOffset? PaidAt, DateTimeOffset CreatedAt,
    IReadOnlyList<TicketDto> Tickets, DateTimeOffset? EventStartsAt = null, DateTimeOffset? RefundableUntil = null);

/// <summary>An order as an operator sees it: with its buyer's account id and email.</summary>
public sealed record AdminOrderDto(string BuyerId, OrderDto Order, string? BuyerEmail = null);

public static class OrderMapping
{
    /// <param name="o">the order</param>
    /// <param name="refundCutoff">how long before the show refunds close (Sale:RefundCutoff); null leaves RefundableUntil out</param>
    public static OrderDto ToDto(this OrderView o, TimeSpan? refundCutoff = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(
            o.OrderId, o.EventId, o.BlockId, o.Status,
            [.. o.Lines.Select(l => new OrderLineDto(l.SeatId, l.CategoryId, l.Quantity, l.UnitPrice))],
            new MoneyDto(o.Total.Amount, o.Total.Currency), o.HoldExpiresAt, o.PaidAt, o.CreatedAt,
            [.. o.Tickets.Select(t => new TicketDto(t.TicketId, t.SeatId, t.CategoryId, t.Code))],
            o.EventStartsAt == default ? null : o.EventStartsAt,
            refundCutoff is { } cutoff && o.EventStartsAt != default ? o.EventStartsAt - cutoff : null);
    }
}
