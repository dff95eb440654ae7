using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.LoadTest.Measuring;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>From the API's JSON back to the sale's own records, so scenarios and the audit see one shape.</summary>
internal static class HttpMapping
{
    public static Reply<QueueStatus> Status(Reply<QueueStatusDto> reply) => reply.IsOk
        ? Reply<QueueStatus>.Ok(new QueueStatus(
            Enum.Parse<QueueState>(reply.Value!.State, ignoreCase: true), reply.Value.Position, reply.Value.PeopleAhead,
            TimeSpan.FromSeconds(reply.Value.EstimatedWaitSeconds), reply.Value.Pass, reply.Value.PassExpiresAt))
        : Reply<QueueStatus>.Fail(reply.Code!, reply.Message);

    /// <summary>"0120..." (one digit per seat) back to status bytes.</summary>
    public static SeatMapSnapshot Snapshot(string eventId, BlockSeatsDto block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var seats = new byte[block.Seats.Length];
        for (var i = 0; i < seats.Length; i++)
        {
            seats[i] = (byte)(block.Seats[i] - '0');
        }

        return new SeatMapSnapshot(eventId, block.BlockId, block.Version, [.. seats],
            block.Counts.ToImmutableDictionary(c => c.Key, c => new InventoryCounts(c.Value.Available, c.Value.Held, c.Value.Sold)));
    }

    public static OrderView Order(string buyerId, OrderDto o)
    {
        ArgumentNullException.ThrowIfNull(o);
        ImmutableArray<OrderLine> lines = [.. o.Lines.Select(l => new OrderLine(l.SeatId, l.CategoryId, l.Quantity, l.UnitPrice))];
        ImmutableArray<Ticket> tickets = [.. o.Tickets.Select(t => new Ticket(t.TicketId, t.SeatId, "", ""))];
        return new OrderView(o.OrderId, o.EventId, buyerId, o.BlockId, Enum.Parse<OrderStatus>(o.Status, ignoreCase: true), lines,
            new Money(lines.Sum(l => l.UnitPrice * l.Quantity), "KRW"), o.HoldExpiresAt, o.PaidAt, tickets, null, o.CreatedAt, default);
    }
}
