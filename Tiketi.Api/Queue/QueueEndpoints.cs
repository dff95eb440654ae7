using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Events;
using Tiketi.Api.Security;
using Tiketi.Common;
using Tiketi.Queue;

namespace Tiketi.Api.Queue;

/// <summary>
/// A buyer's place in an event's waiting queue: the pass in the answer goes in X-Queue-Pass. The place is
/// the account's (keyed by the token's subject), so every device signed in to it sees the same one.
/// In the pre-queue <c>opensAt</c> says when places are drawn; a dropped place has a <c>reason</c> code and <c>droppedAt</c>.
/// </summary>
public sealed record QueueStatusDto(
    QueueState State, long Position, long PeopleAhead, int EstimatedWaitSeconds, string? Pass, DateTimeOffset? PassExpiresAt,
    DateTimeOffset? OpensAt, string? Reason, DateTimeOffset? DroppedAt);

/// <summary>Find n so that SHA-256("{challenge}:{n}") starts with <c>difficulty</c> zero bits; send "{challenge}:{n}" as X-Queue-Proof.</summary>
public sealed record QueueChallengeDto(string Challenge, int Difficulty, DateTimeOffset ExpiresAt);

public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events/{eventId}/queue").WithTags("Queue").RequireAuthorization();
        group.MapPost("/", JoinAsync).RequireRateLimiting(RateLimitingExtensions.SaleActionPolicy).WithName("JoinQueue").WithSummary("Join the waiting queue; joining again keeps your place.");
        group.MapGet("/", StatusAsync).WithName("GetQueueStatus").WithSummary("Your position, people ahead, estimated wait, and your pass once admitted. Reading it keeps your place: silence past the queue's limit loses it.");
        group.MapGet("/challenge", ChallengeAsync).RequireRateLimiting(RateLimitingExtensions.SaleActionPolicy)
            .WithName("GetQueueChallenge").WithSummary("The proof-of-work challenge a join must solve when the queue asks for one.");
        group.MapDelete("/", LeaveAsync).WithName("LeaveQueue").WithSummary("Give up your place.");
        return routes;
    }

    /// <summary>
    /// Joins go through the host's <see cref="QueueCallCoalescer"/>: buyers joining at once share one call to
    /// the queue grain, in the order their requests reached this host.
    /// </summary>
    private static async Task<Results<Ok<QueueStatusDto>, ProblemHttpResult>> JoinAsync(
        IClusterClient client, QueueCallCoalescer queue, HttpContext http, ProofOfWork proofOfWork, string eventId,
        [FromHeader(Name = "X-Queue-Proof")] string? proof)
    {
        if (await EventEndpoints.VisibleEventAsync(client, eventId) is not { } info)
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        // An event without a queue admits nobody through one: a pass from it would bypass a queue switched on later.
        if (!info.Definition.QueueEnabled)
        {
            return Problems.Of(Reasons.NoQueue, "This sale has no waiting queue: go straight to the seats.");
        }

        // The proof is spent while the queue's settings are read, so accepting it once adds no sequential call.
        var buyer = http.User.BuyerId();
        var settings = queue.GetInfoAsync(eventId);
        var spent = proofOfWork.TryOpen(proof, eventId, buyer, out var ticket) ? proofOfWork.SpendAsync(ticket, eventId, buyer) : Task.FromResult(false);
        await Task.WhenAll(settings, spent);
        var bits = (await settings).Settings.ProofOfWorkBits;
        if (bits > 0 && !(ticket.Bits >= bits && await spent))
        {
            return Problems.Of(Reasons.ProofOfWorkRequired, $"Solve GET /api/events/{eventId}/queue/challenge ({bits} bits) and send X-Queue-Proof; each challenge is accepted once.");
        }

        var result = await queue.JoinAsync(eventId, buyer);
        return result.IsSuccess ? TypedResults.Ok(result.Value!.ToDto()) : Problems.Of(result);
    }

    private static async Task<Results<Ok<QueueStatusDto>, ProblemHttpResult>> StatusAsync(QueueCallCoalescer queue, QueuePollGuard guard, HttpContext http, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        if (guard.Check(http, eventId) is { } refused)
        {
            return refused;
        }

        var status = await queue.GetStatusAsync(eventId, http.User.BuyerId());
        return TypedResults.Ok(status.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(IClusterClient client, HttpContext http, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var result = await client.GetGrain<IWaitingQueueGrain>(eventId).LeaveAsync(http.User.BuyerId());
        return result.IsSuccess ? TypedResults.NoContent() : Problems.Of(result);
    }

    private static async Task<Results<Ok<QueueChallengeDto>, ProblemHttpResult>> ChallengeAsync(
        IClusterClient client, HttpContext http, ProofOfWork proofOfWork, string eventId)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            return Problems.Of(Reasons.EventNotFound, "No such event.");
        }

        var bits = (await client.GetGrain<IWaitingQueueGrain>(eventId).GetInfoAsync()).Settings.ProofOfWorkBits;
        var (challenge, expiresAt) = proofOfWork.Issue(eventId, http.User.BuyerId());
        return TypedResults.Ok(new QueueChallengeDto(challenge, bits, expiresAt));
    }

    private static QueueStatusDto ToDto(this QueueStatus s) =>
        new(s.State, s.Position, s.PeopleAhead, (int)Math.Ceiling(s.EstimatedWait.TotalSeconds), s.Pass, s.PassExpiresAt, s.OpensAt, s.Reason, s.DroppedAt);
}
