namespace Tiketi.Api.Live;

/// <summary>
/// What a browser connected to <c>/hubs/sale</c> receives. The method names are the SignalR targets
/// clients listen on, so they carry no "Async" suffix.
/// </summary>
/// <remarks>
/// A watcher keeps a version per block: it applies a delta whose version is one more than its own,
/// ignores older ones, replaces a block with any snapshot not older than its own version, and on a
/// gap calls <c>WatchEvent</c> again with the versions it has (0 for a block it has nothing of, which
/// then arrives as a snapshot). Deltas of a block it has no snapshot of yet are ignored.
/// </remarks>
public interface ISaleClient
{
    Task SeatDelta(SeatDeltaDto delta);

    Task SeatSnapshot(SeatSnapshotDto snapshot);

    Task QueueProgress(QueueProgressDto progress);

    Task BuyerNotice(BuyerNoticeDto notice);
}
