using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Orders;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Api.Admin;

public sealed record CheckInBody([property: Required, StringLength(1024, MinimumLength = 8)] string Code);

/// <summary>The door: staff scan a ticket's QR code; each ticket enters once.</summary>
public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckInEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/events/{eventId}/checkin", CheckInAsync).WithTags("Admin")
            .RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy)
            .WithName("CheckInTicket").WithSummary("Admit a scanned ticket code; a second scan of the same ticket is refused.");
        return routes;
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> CheckInAsync(IClusterClient client, string eventId, CheckInBody body)
    {
        if (TicketCodeReader.Claims(body.Code) is not { } claim || claim.EventId != eventId || !GrainKeys.IsValidId(claim.OrderId))
        {
            return Problems.Of(Reasons.TicketInvalid, "This is not a ticket of this event.");
        }

        var result = await client.GetGrain<IOrderGrain>(claim.OrderId).CheckInAsync(body.Code);
        return result.IsSuccess
            ? TypedResults.Ok(new TicketDto(result.Value!.TicketId, result.Value.SeatId, result.Value.CategoryId, result.Value.Code))
            : Problems.Of(result);
    }
}
