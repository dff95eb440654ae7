using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Events;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Queue;

namespace Tiketi.Api.Admin;

public sealed record SaleFigures(
    string EventId, EventStatus Status, CountsDto Total,
    IReadOnlyDictionary<string, CountsDto> ByCategory, IReadOnlyDictionary<string, CountsDto> ByBlock,
    long QueueWaiting, int ActiveShoppers, long AdmittedTotal, double AdmissionsPerSecond, int MaxActiveShoppers, bool SoldOut,
    int SilenceSeconds);

/// <summary>Operators: events with their layouts, the sale's status, the queue's controls, live figures.</summary>
public static class AdminEventEndpoints
{
    public static IEndpointRouteBuilder MapAdminEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/events").WithTags("Admin").RequireAuthorization(ClaimsPrincipalExtensions.AdminPolicy);
        group.MapGet("/", ListAsync).WithName("AdminListEvents").WithSummary("Every event, drafts included.");
        group.MapPost("/", CreateAsync).WithName("CreateEvent").WithSummary("Create a draft event from details, prices and a generated layout.");
        group.MapPut("/{eventId}", UpdateAsync).WithName("UpdateEvent").WithSummary("Replace a draft event's definition.");
        group.MapPost("/{eventId}/open", (IClusterClient c, string eventId) => ChangeAsync(c, eventId, g => g.OpenSaleAsync())).WithName("OpenSale").WithSummary("Open the sale.");
        group.MapPost("/{eventId}/close", (IClusterClient c, string eventId) => ChangeAsync(c, eventId, g => g.CloseSaleAsync())).WithName("CloseSale").WithSummary("Close the sale.");
        group.MapPost("/{eventId}/cancel", (IClusterClient c, string eventId) => ChangeAsync(c, eventId, g => g.CancelAsync())).WithName("CancelEvent").WithSummary("Cancel the event: release every hold, refund every paid order.");
        group.MapPut("/{eventId}/queue", SetQueueAsync).WithName("SetQueueControls").WithSummary("Set the admission rate and the cap on active shoppers, live.");
        group.MapGet("/{eventId}/figures", FiguresAsync).WithName("GetSaleFigures").WithSummary("Sold, held and available per category and block; queue length and admission.");
        return routes;
    }

    private static async Task<Ok<EventListPage>> ListAsync(IClusterClient client, int? page)
    {
        var result = await client.GetGrain<IEventCatalogGrain>(IEventCatalogGrain.Key).SearchAsync(null, Math.Clamp(page ?? 1, 1, 10_000), 100, includeDrafts: true);
        return TypedResults.Ok(new EventListPage([.. result.Items.Select(e => e.ToDto())], result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Created<EventDetail>, ProblemHttpResult>> CreateAsync(IClusterClient client, EventDraftBody body)
    {
        var eventId = $"ev-{Guid.NewGuid():N}"[..15];
        var result = await DefineAsync(client, eventId, body);
        return result.Result is Ok<EventDetail> ok ? TypedResults.Created($"/api/events/{eventId}", ok.Value) : (ProblemHttpResult)result.Result;
    }

    private static Task<Results<Ok<EventDetail>, ProblemHttpResult>> UpdateAsync(IClusterClient client, string eventId, EventDraftBody body) =>
        GrainKeys.IsValidId(eventId) ? DefineAsync(client, eventId, body) : Task.FromResult<Results<Ok<EventDetail>, ProblemHttpResult>>(Problems.Of(Reasons.EventNotFound, "No such event."));

    private static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> DefineAsync(IClusterClient client, string eventId, EventDraftBody body)
    {
        var (definition, field, error) = LayoutGenerator.Build(body);
        if (definition is null)
        {
            return Problems.Invalid(field!, error!);
        }

        var result = await client.GetGrain<IEventGrain>(eventId).DefineAsync(definition);
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDetail(null)) : Problems.Of(result);
    }

    private static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> ChangeAsync(IClusterClient client, string eventId, Func<IEventGrain, Task<Result<EventInfo>>> change)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var result = await change(client.GetGrain<IEventGrain>(eventId));
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDetail(null)) : Problems.Of(result);
    }

    private static async Task<Results<Ok<SaleFigures>, ProblemHttpResult>> SetQueueAsync(IClusterClient client, string eventId, QueueControlBody body)
    {
        if (!GrainKeys.IsValidId(eventId) || await client.GetGrain<IEventGrain>(eventId).GetAsync() is null)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var queue = client.GetGrain<IWaitingQueueGrain>(eventId);
        var current = (await queue.GetInfoAsync()).Settings;
        await queue.ConfigureAsync(current with
        {
            AdmissionsPerSecond = body.AdmissionsPerSecond,
            MaxActiveShoppers = body.MaxActiveShoppers,
            ProofOfWorkBits = body.ProofOfWorkBits ?? current.ProofOfWorkBits,
            SilenceLimit = body.SilenceSeconds is { } silence ? TimeSpan.FromSeconds(silence) : current.SilenceLimit,
        });
        return await FiguresAsync(client, eventId);
    }

    private static async Task<Results<Ok<SaleFigures>, ProblemHttpResult>> FiguresAsync(IClusterClient client, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId) || await client.GetGrain<IEventGrain>(eventId).GetSummaryAsync() is not { } summary)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var queue = await client.GetGrain<IWaitingQueueGrain>(eventId).GetInfoAsync();
        return TypedResults.Ok(new SaleFigures(
            eventId, summary.Status, summary.Total.ToDto(),
            summary.ByCategory.ToDictionary(kv => kv.Key, kv => kv.Value.ToDto()), summary.ByBlock.ToDictionary(kv => kv.Key, kv => kv.Value.ToDto()),
            queue.Waiting, queue.Active, queue.AdmittedTotal, queue.Settings.AdmissionsPerSecond, queue.Settings.MaxActiveShoppers, queue.SoldOut,
            (int)queue.Settings.EffectiveSilenceLimit.TotalSeconds));
    }
}
