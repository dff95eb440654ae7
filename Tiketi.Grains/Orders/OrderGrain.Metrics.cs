using Tiketi.Common;
using Tiketi.Observability;

namespace Tiketi.Orders;

/// <summary>Checkout, measured: every attempt counts an outcome; the one that pays counts the tickets and the hold-to-paid time.</summary>
public sealed partial class OrderGrain
{
    public async Task<Result<OrderView>> CheckoutAsync(CheckoutRequest request)
    {
        var wasPaid = Order?.Status == OrderStatus.Paid;
        var eventId = Order?.EventId ?? "";
        Result<OrderView> result;
        try
        {
            result = await PayAsync(request);
        }
        catch (Exception)
        {
            metrics.Checkout(eventId, CheckoutOutcomes.Error);
            throw;
        }

        metrics.Checkout(eventId, CheckoutOutcomes.Of(result.Code, wasPaid));
        if (result.IsSuccess && !wasPaid && result.Value is { PaidAt: { } paidAt } order)
        {
            foreach (var line in order.Lines)
            {
                metrics.TicketsSold(order.EventId, line.CategoryId, line.Quantity);
            }

            metrics.ReservationCompleted(order.EventId, paidAt - order.CreatedAt);
        }

        return result;
    }
}
