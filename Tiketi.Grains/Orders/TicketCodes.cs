using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>Signs the code printed on a ticket (its QR) so a scanner can tell a genuine ticket offline.</summary>
public sealed class TicketCodes(IOptions<SaleOptions> options)
{
    private const string Version = "t1";
    private readonly SignedToken _token = new(options.Value.TicketSigningKey);

    public string Issue(string ticketId, string eventId, string buyerId, string? seatId) =>
        _token.Sign(Version, ticketId, eventId, buyerId, seatId ?? "GA");

    /// <summary>One ticket per seat or place of a paid order, numbered "{orderId}-1", "-2", ... in line order.</summary>
    public ImmutableArray<Ticket> IssueAll(OrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var tickets = ImmutableArray.CreateBuilder<Ticket>();
        foreach (var line in order.Lines)
        {
            for (var i = 0; i < line.Quantity; i++)
            {
                var ticketId = $"{order.OrderId}-{tickets.Count + 1}";
                tickets.Add(new Ticket(ticketId, line.SeatId, line.CategoryId, Issue(ticketId, order.EventId, order.BuyerId, line.SeatId)));
            }
        }

        return tickets.ToImmutable();
    }

    /// <summary>The ticket id a genuine code names for this event, or null.</summary>
    public string? Verify(string code, string eventId) =>
        _token.Open(code) is [Version, var ticketId, var codeEvent, _, _] && codeEvent == eventId ? ticketId : null;
}
