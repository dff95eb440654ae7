using System.Collections.Immutable;
using Tiketi.Seating;

namespace Tiketi.Orders;

public enum OrderStatus
{
    Held = 0,
    Paid = 1,
    Expired = 2,
    Released = 3,
    Refunded = 4,
}

[GenerateSerializer, Immutable, Alias("tiketi.Money")]
public sealed record Money([property: Id(0)] long Amount, [property: Id(1)] string Currency);

/// <summary>A priced line of an order.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] string? SeatId,
    [property: Id(1)] string CategoryId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long UnitPrice);

/// <summary>One admission; <see cref="Code"/> is signed so a door scanner can check it offline.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.Ticket")]
public sealed record Ticket(
    [property: Id(0)] string TicketId,
    [property: Id(1)] string? SeatId,
    [property: Id(2)] string CategoryId,
    [property: Id(3)] string Code);

/// <summary>What the buyer grain hands a new order grain.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.OrderDraft")]
public sealed record OrderDraft(
    [property: Id(0)] string EventId,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] string BlockId,
    [property: Id(3)] ImmutableArray<OrderLine> Lines,
    [property: Id(4)] string Currency,
    [property: Id(5)] DateTimeOffset HoldExpiresAt,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset EventStartsAt);

[GenerateSerializer, Immutable, Alias("tiketi.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string BuyerId,
    [property: Id(3)] string BlockId,
    [property: Id(4)] OrderStatus Status,
    [property: Id(5)] ImmutableArray<OrderLine> Lines,
    [property: Id(6)] Money Total,
    [property: Id(7)] DateTimeOffset HoldExpiresAt,
    [property: Id(8)] DateTimeOffset? PaidAt,
    [property: Id(9)] ImmutableArray<Ticket> Tickets,
    [property: Id(10)] string? PaymentReference,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset EventStartsAt)
{
    public int Quantity => Lines.Sum(l => l.Quantity);
}

[GenerateSerializer, Immutable, Alias("tiketi.CheckoutRequest")]
public sealed record CheckoutRequest(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] string CardNumber) : Tiketi.Common.IIdempotentRequest;

/// <summary>A buyer's request to hold inventory; <see cref="Pass"/> is the queue pass when the sale is queued.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.HoldRequest")]
public sealed record HoldRequest(
    [property: Id(0)] string BlockId,
    [property: Id(1)] HoldSelection Selection,
    [property: Id(2)] string? Pass);

/// <summary>A buyer's standing for one event: what counts against the per-buyer limit.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.BuyerEventView")]
public sealed record BuyerEventView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] int TicketsHeld,
    [property: Id(3)] int TicketsPaid,
    [property: Id(4)] ImmutableArray<string> OrderIds);

public enum BuyerNoticeKind
{
    HoldExpiring = 0,
    HoldExpired = 1,
    HoldReleased = 2,
    OrderPaid = 3,
    OrderRefunded = 4,

    /// <summary>The waitlist gave the buyer a hold (the order); pay it before the notice's hold expiry.</summary>
    WaitlistOffer = 5,
}

/// <summary>Published on the buyer stream so the buyer's browsers learn about their own orders.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.BuyerNotice")]
public sealed record BuyerNotice(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] BuyerNoticeKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(30)] DateTimeOffset? HoldExpiresAt = null);
