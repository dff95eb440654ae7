using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Events;
using Tiketi.Api.Security;
using Tiketi.Common;
using Tiketi.Waitlist;

namespace Tiketi.Api.Waitlist;

/// <summary>The waitlist of a sold-out event: seats that come back become holds for the first in line.</summary>
public static class WaitlistEndpoints
{
    public static IEndpointRouteBuilder MapWaitlistEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events/{eventId}/waitlist").WithTags("Waitlist").RequireAuthorization();
        group.MapPost("/", JoinAsync).RequireRateLimiting(RateLimitingExtensions.SaleActionPolicy)
            .WithName("JoinWaitlist").WithSummary("Wait for a sold-out category; returned seats are offered to you as a hold, in join order.");
        group.MapGet("/", StatusAsync).WithName("GetWaitlistStatus").WithSummary("Your place on the waitlist and your latest offer.");
        group.MapDelete("/", LeaveAsync).RequireRateLimiting(RateLimitingExtensions.SaleActionPolicy)
            .WithName("LeaveWaitlist").WithSummary("Leave the waitlist; an offer already made stays your hold.");
        return routes;
    }

    private static async Task<Results<Created<WaitlistDto>, ProblemHttpResult>> JoinAsync(
        IClusterClient client, HttpContext http, string eventId, WaitlistBody body)
    {
        if (await EventEndpoints.VisibleEventAsync(client, eventId) is null)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        if (!GrainKeys.IsValidId(body.CategoryId))
        {
            return Problems.Of(Reasons.UnknownCategory, "No such category.");
        }

        var result = await client.GetGrain<IWaitlistGrain>(eventId).JoinAsync(http.User.BuyerId(), body.CategoryId, body.Quantity);
        return result.IsSuccess
            ? TypedResults.Created($"/api/events/{eventId}/waitlist", result.Value!.ToDto())
            : Problems.Of(result);
    }

    private static async Task<Results<Ok<WaitlistDto>, ProblemHttpResult>> StatusAsync(IClusterClient client, HttpContext http, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        return TypedResults.Ok((await client.GetGrain<IWaitlistGrain>(eventId).GetStatusAsync(http.User.BuyerId())).ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(IClusterClient client, HttpContext http, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        await client.GetGrain<IWaitlistGrain>(eventId).LeaveAsync(http.User.BuyerId());
        return TypedResults.NoContent();
    }
}
