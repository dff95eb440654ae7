using Tiketi.Api.Orders;
using Tiketi.Audit;

namespace Tiketi.Api.Audit;

/// <summary>
/// One buyer's part in a sale, for answering a complaint: their orders with statuses and times, and
/// (once the queue keeps an audit) their place in the queue.
/// </summary>
public sealed record BuyerAuditDto(
    string EventId, string BuyerId, string? Email, int TicketsHeld, int TicketsPaid,
    IReadOnlyList<OrderDto> Orders, QueueAuditEntry? QueuePlace);
