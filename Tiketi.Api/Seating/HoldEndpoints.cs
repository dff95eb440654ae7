using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Orders;
using Tiketi.Api.Security;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Api.Seating;

/// <summary>Explicit seats (<c>seatIds</c>), or best available / general admission (<c>categoryId</c> + <c>quantity</c>).</summary>
public sealed record HoldBody(
    [property: Required, StringLength(64)] string BlockId,
    [property: MaxLength(HoldEndpoints.MaxSeatsPerRequest)] string[]? SeatIds,
    [property: StringLength(64)] string? CategoryId,
    [property: Range(0, HoldEndpoints.MaxSeatsPerRequest)] int? Quantity);

public sealed record CheckoutBody([property: Required, StringLength(32, MinimumLength = 12)] string CardNumber);

public static partial class HoldEndpoints
{
    /// <summary>No request may name more seats than this; the event's own limit is usually lower.</summary>
    public const int MaxSeatsPerRequest = 20;

    public static IEndpointRouteBuilder MapHoldEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/events/{eventId}/holds", HoldAsync).WithTags("Holds").RequireAuthorization()
            .RequireRateLimiting(RateLimitingExtensions.SaleActionPolicy)
            .WithName("HoldSeats").WithSummary("Hold explicit seats or the best available ones; needs X-Queue-Pass when the sale is queued. An Idempotency-Key header makes a retry return the same hold.");
        var holds = routes.MapGroup("/api/holds/{holdId}").WithTags("Holds").RequireAuthorization();
        holds.MapDelete("/", ReleaseAsync).WithName("ReleaseHold").WithSummary("Release your hold; the seats go back on sale at once.");
        holds.MapPost("/checkout", CheckoutAsync).WithName("Checkout").WithSummary("Pay a hold. Send an Idempotency-Key header: a retry never charges twice.");
        return routes;
    }

    private static async Task<Results<Created<OrderDto>, ProblemHttpResult>> HoldAsync(
        IClusterClient client, HttpContext http, string eventId, HoldBody body, [FromHeader(Name = "X-Queue-Pass")] string? pass,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is not null && !IdempotencyKey().IsMatch(idempotencyKey))
        {
            return Problems.Of(Reasons.IdempotencyKeyInvalid, "An Idempotency-Key header is 8-64 letters, digits, '-' or '_'.");
        }

        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        if (!GrainKeys.IsValidId(body.BlockId))
        {
            return Problems.Of(Reasons.UnknownBlock, "No such block.");
        }

        var explicitSeats = body.SeatIds is { Length: > 0 };
        if (explicitSeats == (body.CategoryId is not null || body.Quantity is not null))
        {
            return Problems.Invalid("seatIds", "Send either seatIds, or categoryId with quantity.");
        }

        if (body.SeatIds?.Any(s => s is null || s.Length is 0 or > 16) == true)
        {
            return Problems.Invalid("seatIds", "Seat ids look like \"C-12\".");
        }

        var selection = explicitSeats
            ? HoldSelection.Seats(body.SeatIds!)
            : HoldSelection.Best(body.CategoryId ?? "", body.Quantity ?? 0);
        var result = await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, http.User.BuyerId()))
            .HoldAsync(new HoldRequest(body.BlockId, selection, pass, idempotencyKey));
        return result.IsSuccess
            ? TypedResults.Created($"/api/orders/{result.Value!.OrderId}", result.Value.ToDto())
            : Problems.Of(result);
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> ReleaseAsync(IClusterClient client, HttpContext http, string holdId)
    {
        if (!GrainKeys.IsValidId(holdId) || await client.GetGrain<IOrderGrain>(holdId).GetAsync() is not { } order
            || order.BuyerId != http.User.BuyerId() || order.Status != OrderStatus.Held)
        {
            return Problems.Of(Reasons.HoldNotFound, "You have no such hold.");
        }

        var result = await client.GetGrain<IOrderGrain>(holdId).CancelAsync(http.User.BuyerId());
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDto()) : Problems.Of(result);
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> CheckoutAsync(
        IClusterClient client, HttpContext http, string holdId, CheckoutBody body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is null || !IdempotencyKey().IsMatch(idempotencyKey))
        {
            return Problems.Of(Reasons.IdempotencyKeyInvalid, "Send an Idempotency-Key header of 8-64 letters, digits, '-' or '_'.");
        }

        if (!GrainKeys.IsValidId(holdId))
        {
            return Problems.Of(Reasons.OrderNotFound, "No such order.");
        }

        var result = await client.GetGrain<IOrderGrain>(holdId)
            .CheckoutAsync(new CheckoutRequest(http.User.BuyerId(), idempotencyKey, body.CardNumber));
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDto()) : Problems.Of(result);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex IdempotencyKey();
}
