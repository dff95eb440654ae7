using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Common;
using Tiketi.Orders;

namespace Tiketi.Api.Orders;

/// <summary>A buyer's own orders and tickets. Someone else's order is "not found", never "forbidden".</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListMyOrders").WithSummary("Your orders and tickets, newest first.");
        group.MapGet("/{orderId}", GetAsync).WithName("GetOrder").WithSummary("One of your orders with its tickets.");
        group.MapPost("/{orderId}/cancel", CancelAsync).WithName("CancelOrder").WithSummary("Cancel a hold, or refund a paid order while refunds are open.");
        return routes;
    }

    /// <summary>The buyer's events, then each event's buyer grain for its orders, then the orders: each step's calls side by side.</summary>
    private static async Task<Ok<OrderDto[]>> ListAsync(IClusterClient client, HttpContext http, IOptions<SaleOptions> sale)
    {
        var buyerId = http.User.BuyerId();
        var eventIds = await client.GetGrain<IBuyerEventsGrain>(buyerId).ListAsync();
        var perEvent = await Task.WhenAll(eventIds.Select(id => client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(id, buyerId)).GetAsync()));
        var orders = await Task.WhenAll(perEvent.SelectMany(e => e.OrderIds).Select(id => client.GetGrain<IOrderGrain>(id).GetAsync()));
        return TypedResults.Ok(orders.OfType<OrderView>().OrderByDescending(o => o.CreatedAt).Select(o => o.ToDto(sale.Value.RefundCutoff)).ToArray());
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetAsync(IClusterClient client, HttpContext http, IOptions<SaleOptions> sale, string orderId) =>
        await OwnOrderAsync(client, http, orderId) is { } order
            ? TypedResults.Ok(order.ToDto(sale.Value.RefundCutoff))
            : Problems.Of(Reasons.OrderNotFound, "No such order.");

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> CancelAsync(IClusterClient client, HttpContext http, IOptions<SaleOptions> sale, string orderId)
    {
        if (await OwnOrderAsync(client, http, orderId) is null)
        {
            return Problems.Of(Reasons.OrderNotFound, "No such order.");
        }

        var result = await client.GetGrain<IOrderGrain>(orderId).CancelAsync(http.User.BuyerId());
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDto(sale.Value.RefundCutoff)) : Problems.Of(result);
    }

    private static async Task<OrderView?> OwnOrderAsync(IClusterClient client, HttpContext http, string orderId) =>
        GrainKeys.IsValidId(orderId) && await client.GetGrain<IOrderGrain>(orderId).GetAsync() is { } order && order.BuyerId == http.User.BuyerId()
            ? order
            : null;
}
