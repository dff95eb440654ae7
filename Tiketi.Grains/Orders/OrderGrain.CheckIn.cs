using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>Door scanning: a code is compared with the one this order issued, and admits once.</summary>
public sealed partial class OrderGrain
{
    public async Task<Result<Ticket>> CheckInAsync(string ticketCode)
    {
        var ticket = Order?.Tickets.FirstOrDefault(t => string.Equals(t.Code, ticketCode, StringComparison.Ordinal));
        if (ticket is null)
        {
            return Result<Ticket>.Fail(Reasons.TicketInvalid, "This is not a ticket of this event.");
        }

        if (Order!.Status != OrderStatus.Paid)
        {
            return Result<Ticket>.Fail(Reasons.TicketNotValid, $"The ticket's order is {Order.Status}.");
        }

        if (state.State.CheckedIn.TryGetValue(ticket.TicketId, out var at))
        {
            return Result<Ticket>.Fail(Reasons.TicketAlreadyUsed, $"Ticket {ticket.TicketId} was admitted at {at:O}.");
        }

        state.State.CheckedIn[ticket.TicketId] = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Result<Ticket>.Ok(ticket);
    }
}
