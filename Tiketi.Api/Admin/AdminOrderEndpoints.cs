using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Accounts;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Orders;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Api.Admin;

/// <summary>Operators: find an event's orders, refund one, force-release a hold.</summary>
public static class AdminOrderEndpoints
{
    public const int MaxPageSize = 200;

    /// <summary>The order statuses that still hold or own seats, and how their block records them.</summary>
    private static readonly Dictionary<OrderStatus, AllocationStatus> Live = new()
    {
        [OrderStatus.Held] = AllocationStatus.Held,
        [OrderStatus.Paid] = AllocationStatus.Sold,
    };

    public static IEndpointRouteBuilder MapAdminOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy);
        group.MapGet("/events/{eventId}/orders", ListAsync).WithName("AdminListOrders").WithSummary("An event's holds and paid orders with their buyers' emails, filtered by buyer (account id or email) or status.");
        group.MapPost("/orders/{orderId}/refund", RefundAsync).WithName("AdminRefundOrder").WithSummary("Refund a paid order (no refund window applies) and put its seats back on sale.");
        group.MapPost("/holds/{holdId}/release", RefundAsync).WithName("AdminReleaseHold").WithSummary("Force-release a buyer's hold.");
        return routes;
    }

    private static async Task<Results<Ok<AdminOrderDto[]>, ProblemHttpResult>> ListAsync(
        IClusterClient client, string eventId, string? buyerId, string? email, string? status, int? page)
    {
        // Bound by hand: query strings carry the same camelCase names as the JSON ("paid"), in any case.
        AllocationStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !Live.TryGetValue(parsed, out var live))
            {
                return Problems.Invalid("status", "status is held or paid: the orders that hold or own seats now.");
            }

            wanted = live;
        }

        if (!GrainKeys.IsValidId(eventId) || await client.GetGrain<IEventGrain>(eventId).GetAsync() is not { } info)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        // Operators know buyers by the email they write in with, not by account id.
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (email.Length > AccountEmail.MaxLength || AccountEmail.Normalize(email) is not { } normalized
                || await client.GetGrain<IAccountGrain>(normalized).GetAsync() is not { } account)
            {
                return Problems.Of(ApiErrors.BuyerNotFound, "No account with that email.");
            }

            if (buyerId is not null && buyerId != account.Id)
            {
                return TypedResults.Ok(Array.Empty<AdminOrderDto>());
            }

            buyerId = account.Id;
        }

        // The blocks know every live hold and sale of the event, so no event-wide order index is needed.
        // Filtered before paging, so a page holds MaxPageSize matching orders, not fewer.
        var allocations = (await Task.WhenAll(info.Definition.Blocks.Select(b =>
            client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b.Id)).GetAllocationsAsync()))).SelectMany(a => a)
            .Where(a => (buyerId is null || a.BuyerId == buyerId) && (wanted is null || a.Status == wanted))
            .OrderBy(a => a.HoldId, StringComparer.Ordinal)
            .Skip((Math.Clamp(page ?? 1, 1, 100_000) - 1) * MaxPageSize).Take(MaxPageSize);
        var orders = (await Task.WhenAll(allocations.Select(a => client.GetGrain<IOrderGrain>(a.HoldId).GetAsync()))).OfType<OrderView>().ToList();
        var buyers = orders.Select(o => o.BuyerId).Distinct(StringComparer.Ordinal).ToList();
        var emails = (await Task.WhenAll(buyers.Select(b => client.GetGrain<IAccountIdGrain>(b).GetEmailAsync())))
            .Select((e, i) => (Buyer: buyers[i], Email: e)).ToDictionary(x => x.Buyer, x => x.Email, StringComparer.Ordinal);
        return TypedResults.Ok(orders.Select(o => new AdminOrderDto(o.BuyerId, o.ToDto(), emails.GetValueOrDefault(o.BuyerId))).ToArray());
    }


    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> RefundAsync(IClusterClient client, HttpContext http)
    {
        var id = (string?)http.Request.RouteValues["orderId"] ?? (string?)http.Request.RouteValues["holdId"];
        if (!GrainKeys.IsValidId(id))
        {
            return Problems.Of(Reasons.OrderNotFound, "No such order.");
        }

        var result = await client.GetGrain<IOrderGrain>(id!).RefundAsync();
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDto()) : Problems.Of(result);
    }
}
