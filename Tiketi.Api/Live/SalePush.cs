using Microsoft.AspNetCore.SignalR;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Api.Live;

/// <summary>The last link of the push path: grain messages become DTOs sent to SignalR groups or one connection.</summary>
public sealed class SalePush(IHubContext<SaleHub, ISaleClient> hub)
{
    public Task JoinEventAsync(string connectionId, string eventId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, SaleGroups.Event(eventId), cancellationToken);

    public Task LeaveEventAsync(string connectionId, string eventId) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, SaleGroups.Event(eventId));

    /// <summary>To every watcher of the event, or only to <paramref name="connectionId"/> when given.</summary>
    public Task SeatDeltaAsync(SeatDelta delta, string? connectionId = null)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return Watchers(delta.EventId, connectionId).SeatDelta(delta.ToDto());
    }

    /// <summary>To every watcher of the event, or only to <paramref name="connectionId"/> when given.</summary>
    public Task SeatSnapshotAsync(SeatMapSnapshot snapshot, string? connectionId = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Watchers(snapshot.EventId, connectionId).SeatSnapshot(snapshot.ToLiveDto());
    }

    public Task QueueProgressAsync(QueueProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return hub.Clients.Group(SaleGroups.Event(progress.EventId)).QueueProgress(progress.ToDto());
    }

    public Task BuyerNoticeAsync(BuyerNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return hub.Clients.Group(SaleGroups.Buyer(notice.BuyerId)).BuyerNotice(notice.ToDto());
    }

    private ISaleClient Watchers(string eventId, string? connectionId) =>
        connectionId is null ? hub.Clients.Group(SaleGroups.Event(eventId)) : hub.Clients.Client(connectionId);
}
