using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Accounts;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Orders;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Queue;

namespace Tiketi.Api.Audit;

/// <summary>Operators: the on-sale audit of an event (JSON and CSV) and one buyer's part in it.</summary>
public static class AuditEndpoints
{
    public const int DefaultOrderLimit = 100;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/events/{eventId}").WithTags("Admin").RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy);
        group.MapGet("/audit", ReportAsync).WithName("GetSaleAudit")
            .WithSummary("How the sale went: counts, holds and conversion, sell-out times, errors by code, queue and waitlist; the queue order is paged.");
        group.MapGet("/audit.csv", CsvAsync).WithName("GetSaleAuditCsv")
            .WithSummary("The same audit as CSV: one table per section (RFC 4180).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/audit/buyers/{emailOrAccountId}", BuyerAsync).WithName("GetBuyerAudit")
            .WithSummary("One buyer's orders for the event with statuses and times, to answer a complaint.");
        return routes;
    }

    private static async Task<Results<Ok<SaleReport>, ProblemHttpResult>> ReportAsync(IClusterClient client, string eventId, int? orderOffset, int? orderLimit)
    {
        var (report, problem) = await FetchAsync(client, eventId, orderOffset, orderLimit);
        return report is null ? problem! : TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(IClusterClient client, string eventId, int? orderOffset, int? orderLimit)
    {
        var (report, problem) = await FetchAsync(client, eventId, orderOffset, orderLimit);
        if (report is null)
        {
            return problem!;
        }

        var csv = AuditCsv.Write(report, orderOffset ?? 0, orderLimit ?? DefaultOrderLimit);
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"audit-{eventId}.csv");
    }

    private static async Task<(SaleReport? Report, ProblemHttpResult? Problem)> FetchAsync(IClusterClient client, string eventId, int? orderOffset, int? orderLimit)
    {
        if (orderOffset is < 0)
        {
            return (null, Problems.Invalid("orderOffset", "orderOffset must be 0 or more."));
        }

        if (orderLimit is < 1 or > ISaleReportGrain.MaxOrderPage)
        {
            return (null, Problems.Invalid("orderLimit", $"orderLimit must be between 1 and {ISaleReportGrain.MaxOrderPage}."));
        }

        var report = GrainKeys.IsValidId(eventId)
            ? await client.GetGrain<ISaleReportGrain>(eventId).GetAsync(orderOffset ?? 0, orderLimit ?? DefaultOrderLimit)
            : null;
        return report is null ? (null, Problems.Of(Reasons.EventNotFound, "No such event.")) : (report, null);
    }

    private static async Task<Results<Ok<BuyerAuditDto>, ProblemHttpResult>> BuyerAsync(IClusterClient client, string eventId, string emailOrAccountId)
    {
        if (!GrainKeys.IsValidId(eventId) || await client.GetGrain<IEventGrain>(eventId).GetAsync() is null)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var (buyerId, email) = await ResolveAsync(client, emailOrAccountId);
        if (buyerId is null)
        {
            return Problems.Of(ApiErrors.BuyerNotFound, "No account with that email or id.");
        }

        var standing = await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId)).GetAsync();
        var place = await client.GetGrain<IWaitingQueueGrain>(eventId).FindPlaceAsync(buyerId);
        if (email is null && standing.OrderIds.IsDefaultOrEmpty && place is null && await client.GetGrain<IAccountIdGrain>(buyerId).GetEmailAsync() is null)
        {
            return Problems.Of(ApiErrors.BuyerNotFound, "No account with that id, and no orders for this event under it.");
        }

        var orders = await Task.WhenAll(standing.OrderIds.Select(id => client.GetGrain<IOrderGrain>(id).GetAsync()));
        return TypedResults.Ok(new BuyerAuditDto(
            eventId, buyerId, email ?? await client.GetGrain<IAccountIdGrain>(buyerId).GetEmailAsync(), standing.TicketsHeld, standing.TicketsPaid,
            [.. orders.OfType<OrderView>().OrderBy(o => o.CreatedAt).Select(o => o.ToDto())], place));
    }

    /// <summary>An email names an account (and so its id, the buyer id); anything else must be an id itself.</summary>
    private static async Task<(string? BuyerId, string? Email)> ResolveAsync(IClusterClient client, string emailOrAccountId)
    {
        if (emailOrAccountId.Contains('@', StringComparison.Ordinal))
        {
            var email = AccountEmail.Normalize(emailOrAccountId);
            return email is not null && await client.GetGrain<IAccountGrain>(email).GetAsync() is { } account ? (account.Id, account.Email) : (null, null);
        }

        return GrainKeys.IsValidId(emailOrAccountId) ? (emailOrAccountId, null) : (null, null);
    }
}
