using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Events;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;

namespace Tiketi.Api.Web;

/// <summary>
/// A paid order's tickets as a PDF (section, row, seat, show time in the venue's zone, venue, QR code),
/// and its show as a calendar entry (.ics). For the order's buyer only; anyone else's is "not found".
/// </summary>
public static class TicketDocumentsEndpoints
{
    /// <summary>How long a show is taken to last when the operator gave no running time.</summary>
    public static readonly TimeSpan DefaultRunningTime = TimeSpan.FromHours(2);

    public static IEndpointRouteBuilder MapTicketDocumentsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orders/{orderId}").WithTags("Orders").RequireAuthorization();
        group.MapGet("/tickets.pdf", PdfAsync).WithName("GetTicketsPdf")
            .WithSummary("A paid order's tickets as a PDF, one page each (lang=ko for Korean).");
        group.MapGet("/calendar.ics", CalendarAsync).WithName("GetOrderCalendar")
            .WithSummary("The show of a paid order as an iCalendar entry for any calendar app.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(IClusterClient client, HttpContext http, string orderId, string? lang)
    {
        if (await PaidOrderAsync(client, http, orderId) is not ({ } order, { } definition))
        {
            return Problems.Of(Reasons.OrderNotFound, "No such paid order.");
        }

        var korean = (lang ?? string.Empty).StartsWith("ko", StringComparison.OrdinalIgnoreCase);
        var block = definition.Blocks.FirstOrDefault(b => b.Id == order.BlockId);
        var sheets = order.Tickets.Select(ticket => new TicketSheet(
            definition.Title, definition.Artist, ZoneTime.Format(definition.StartsAt, definition.EffectiveTimeZone, korean ? "ko" : "en"), definition.Venue,
            block?.Name ?? order.BlockId, SeatText(ticket.SeatId, korean),
            definition.Categories.FirstOrDefault(c => c.Id == ticket.CategoryId)?.Name ?? ticket.CategoryId,
            ticket.Code, order.OrderId)).ToList();
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(TicketPdf.Render(sheets), "application/pdf", $"tiketi-{order.OrderId}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CalendarAsync(IClusterClient client, HttpContext http, string orderId)
    {
        if (await PaidOrderAsync(client, http, orderId) is not ({ } order, { } definition))
        {
            return Problems.Of(Reasons.OrderNotFound, "No such paid order.");
        }

        var running = definition.EffectiveDetails.RunningMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultRunningTime;
        var block = definition.Blocks.FirstOrDefault(b => b.Id == order.BlockId)?.Name ?? order.BlockId;
        var seats = string.Join(", ", order.Tickets.Select(t => SeatText(t.SeatId, korean: false)));
        var calendar = new Calendar();
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{order.OrderId}@tiketi",
            Summary = definition.Title,
            Location = definition.Venue,
            Description = $"{definition.Artist}\n{block}: {seats}\nTIKETI order {order.OrderId}",
            Start = new CalDateTime(definition.StartsAt.UtcDateTime),
            End = new CalDateTime((definition.StartsAt + running).UtcDateTime),
            DtStamp = new CalDateTime(order.PaidAt?.UtcDateTime ?? order.CreatedAt.UtcDateTime),
        });
        var text = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"tiketi-{order.OrderId}.ics");
    }

    /// <summary>"Row C, seat 12" from the seat id "C-12"; standing tickets say so.</summary>
    public static string SeatText(string? seatId, bool korean)
    {
        if (seatId is null)
        {
            return korean ? "스탠딩" : "Standing";
        }

        var cut = seatId.LastIndexOf('-');
        var (row, seat) = cut > 0 ? (seatId[..cut], seatId[(cut + 1)..]) : (seatId, string.Empty);
        return korean ? $"{row}열 {seat}번" : $"Row {row}, seat {seat}";
    }

    private static async Task<(OrderView? Order, EventDefinition? Definition)> PaidOrderAsync(IClusterClient client, HttpContext http, string orderId)
    {
        if (!GrainKeys.IsValidId(orderId) || await client.GetGrain<IOrderGrain>(orderId).GetAsync() is not { } order
            || order.BuyerId != http.User.BuyerId() || order.Status != OrderStatus.Paid
            || await client.GetGrain<IEventGrain>(order.EventId).GetAsync() is not { } info)
        {
            return (null, null);
        }

        return (order, info.Definition);
    }
}
