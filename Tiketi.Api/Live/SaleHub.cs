using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Tiketi.Api.Accounts;
using Tiketi.Common;

namespace Tiketi.Api.Live;

/// <summary>
/// <c>/hubs/sale</c>: anyone may watch events' seat maps and queues; a signed-in connection also
/// receives its buyer's notices. The relay (<see cref="EventFeeds"/>, <see cref="BuyerFeeds"/>) does the pushing.
/// </summary>
public sealed partial class SaleHub(
    EventFeeds events, BuyerFeeds buyers, SalePush push, SessionConnections sessions,
    IOptions<LiveOptions> options, ILogger<SaleHub> logger) : Hub<ISaleClient>
{
    public const string Path = "/hubs/sale";

    /// <summary>At most this many blocks in one catch-up request; no venue has more blocks.</summary>
    public const int MaxBlocksPerWatch = 500;

    public override async Task OnConnectedAsync()
    {
        LogConnected(logger, Context.ConnectionId);
        if (SubjectUserIdProvider.BuyerIdOf(Context.User) is { } buyerId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SaleGroups.Buyer(buyerId), Context.ConnectionAborted);
            await buyers.AcquireAsync(buyerId, Context.ConnectionAborted);
            ConnectionWatches.Of(Context).BuyerId = buyerId;
            if (Context.User?.FindFirst(AccessTokens.SessionClaim)?.Value is { } sessionId)
            {
                ConnectionWatches.Of(Context).SessionId = sessionId;
                sessions.Track(sessionId, Context);
            }
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var watches = ConnectionWatches.Of(Context);
        foreach (var eventId in watches.TakeAll())
        {
            await events.ReleaseAsync(eventId);
        }

        if (watches.SessionId is { } sessionId)
        {
            sessions.Forget(sessionId, Context.ConnectionId);
        }

        if (watches.BuyerId is { } buyerId)
        {
            watches.BuyerId = null;
            await buyers.ReleaseAsync(buyerId);
        }

        LogDisconnected(logger, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Starts (or renews) watching an event. <paramref name="lastVersions"/> (block id → last version
    /// seen) asks for what was missed: the deltas since, or a snapshot of each block named.
    /// </summary>
    [HubMethodName("WatchEvent")]
    public async Task WatchEventAsync(string eventId, Dictionary<string, long>? lastVersions)
    {
        if (!GrainKeys.IsValidId(eventId))
        {
            throw new HubException("The event id must be 1-64 letters, digits, '-' or '_'.");
        }

        if (lastVersions is { Count: > MaxBlocksPerWatch } || lastVersions?.Keys.All(GrainKeys.IsValidId) == false)
        {
            throw new HubException($"lastVersions maps at most {MaxBlocksPerWatch} valid block ids to versions.");
        }

        var watches = ConnectionWatches.Of(Context);
        if (watches.Contains(eventId) && events.Find(eventId) is { } watched)
        {
            await watched.JoinAsync(Context.ConnectionId, lastVersions, Context.ConnectionAborted);
            return;
        }

        var limit = options.Value.MaxWatchedEventsPerConnection;
        if (watches.Count >= limit)
        {
            throw new HubException($"A connection may watch at most {limit} events; unwatch one first.");
        }

        var feed = await events.AcquireAsync(eventId, Context.ConnectionAborted);
        try
        {
            await feed.JoinAsync(Context.ConnectionId, lastVersions, Context.ConnectionAborted);
            watches.Add(eventId);
        }
        catch
        {
            await push.LeaveEventAsync(Context.ConnectionId, eventId);
            await events.ReleaseAsync(eventId);
            throw;
        }
    }

    /// <summary>Stops watching an event; unwatching an event not watched does nothing.</summary>
    [HubMethodName("UnwatchEvent")]
    public async Task UnwatchEventAsync(string eventId)
    {
        if (eventId is null || !ConnectionWatches.Of(Context).Remove(eventId))
        {
            return;
        }

        await push.LeaveEventAsync(Context.ConnectionId, eventId);
        await events.ReleaseAsync(eventId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} opened")]
    private static partial void LogConnected(ILogger logger, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed")]
    private static partial void LogDisconnected(ILogger logger, string connectionId);
}
