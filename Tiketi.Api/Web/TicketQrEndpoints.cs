using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Api.Web;

/// <summary>A paid ticket's code as a QR image, for its owner only; anyone else's ticket is "not found".</summary>
public static class TicketQrEndpoints
{
    public static IEndpointRouteBuilder MapTicketQrEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/orders/{orderId}/tickets/{ticketId}/qr.svg", GetAsync).WithTags("Orders").RequireAuthorization()
            .WithName("GetTicketQr").WithSummary("A paid ticket's code as an SVG QR code, for the order's buyer.");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(IClusterClient client, HttpContext http, string orderId, string ticketId)
    {
        if (!GrainKeys.IsValidId(orderId) || await client.GetGrain<IOrderGrain>(orderId).GetAsync() is not { } order
            || order.BuyerId != http.User.BuyerId() || order.Status != OrderStatus.Paid
            || order.Tickets.FirstOrDefault(t => t.TicketId == ticketId) is not { } ticket)
        {
            return Problems.Of(Reasons.OrderNotFound, "No such ticket.");
        }

        http.Response.Headers.CacheControl = "private, max-age=600";
        return TypedResults.Content(Svg(ticket.Code), "image/svg+xml");
    }

    /// <summary>Dark modules on white with a quiet zone; sized by the viewBox, so the page scales it.</summary>
    public static string Svg(string code)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(new System.Drawing.Size(256, 256), "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
