using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Api.Errors;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Api.Events;

/// <summary>Browsing: the event list with search, one event with its layout, and its live seat map.</summary>
public static class EventEndpoints
{
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").WithTags("Events").AllowAnonymous();
        group.MapGet("/", ListAsync).WithName("ListEvents").WithSummary("List and search upcoming events (title, artist, venue; Korean or English).");
        group.MapGet("/{eventId}", GetAsync).WithName("GetEvent").WithSummary("An event with its price categories, layout and availability.");
        group.MapGet("/{eventId}/seats", GetSeatsAsync).WithName("GetSeatMap").WithSummary("A snapshot of every block's seats, each with its version.");
        return routes;
    }

    private static async Task<Results<Ok<EventListPage>, ProblemHttpResult>> ListAsync(
        IClusterClient client,
        [StringLength(MaxQueryLength)] string? q,
        [Range(1, 10_000)] int? page,
        [Range(1, MaxPageSize)] int? pageSize)
    {
        var result = await client.GetGrain<IEventCatalogGrain>(IEventCatalogGrain.Key).SearchAsync(q, page ?? 1, pageSize ?? 20, includeDrafts: false);
        return TypedResults.Ok(new EventListPage([.. result.Items.Select(e => e.ToDto())], result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> GetAsync(IClusterClient client, string eventId)
    {
        if (await VisibleEventAsync(client, eventId) is not { } info)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var summary = await client.GetGrain<IEventGrain>(eventId).GetSummaryAsync();
        return TypedResults.Ok(info.ToDetail(summary));
    }

    private static async Task<Results<Ok<SeatMapDto>, ProblemHttpResult>> GetSeatsAsync(IClusterClient client, string eventId)
    {
        if (await VisibleEventAsync(client, eventId) is not { } info)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var snapshots = await Task.WhenAll(info.Definition.Blocks.Select(b =>
            client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b.Id)).GetSnapshotAsync()));
        return TypedResults.Ok(new SeatMapDto(eventId, [.. snapshots.Select(s => s.ToDto())]));
    }

    /// <summary>Drafts are invisible to buyers; an invalid id is simply not found.</summary>
    public static async Task<EventInfo?> VisibleEventAsync(IClusterClient client, string eventId) =>
        GrainKeys.IsValidId(eventId) && await client.GetGrain<IEventGrain>(eventId).GetAsync() is { Status: not EventStatus.Draft } info
            ? info
            : null;
}
