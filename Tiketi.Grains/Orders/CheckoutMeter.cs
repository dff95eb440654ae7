using Tiketi.Common;
using Tiketi.Observability;

namespace Tiketi.Orders;

/// <summary>Checkout, measured: every attempt counts an outcome; the one that pays counts the tickets and the hold-to-paid time.</summary>
public sealed class CheckoutMeter(TiketiMetrics metrics)
{
    public void Failed(string eventId) => metrics.Checkout(eventId, CheckoutOutcomes.Error);

    public void Answered(string eventId, Result<OrderView> result, bool wasPaid)
    {
        ArgumentNullException.ThrowIfNull(result);
        metrics.Checkout(eventId, CheckoutOutcomes.Of(result.Code, wasPaid));
        if (result.IsSuccess && !wasPaid && result.Value is { PaidAt: { } paidAt } order)
        {
            foreach (var line in order.Lines)
            {
                metrics.TicketsSold(order.EventId, line.CategoryId, line.Quantity);
            }

            metrics.ReservationCompleted(order.EventId, paidAt - order.CreatedAt);
        }
    }
}
