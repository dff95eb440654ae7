using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;

namespace Tiketi.Api.Live;

/// <summary>Letting watchers in and bringing them up to date, in turn with the relaying of deltas.</summary>
public sealed partial class EventFeed
{
    /// <summary>
    /// Adds a connection to the event's group and sends it, per block it names, what it missed since the
    /// version it has: the deltas this host still keeps, or else a snapshot.
    /// </summary>
    public async Task JoinAsync(string connectionId, IReadOnlyDictionary<string, long>? lastVersions, CancellationToken cancellationToken)
    {
        lastVersions ??= ImmutableDictionary<string, long>.Empty;
        if (lastVersions.Keys.FirstOrDefault(b => !_blockIds.Contains(b)) is { } unknown)
        {
            throw new HubException($"Event '{eventId}' has no block '{unknown}'.");
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            await push.JoinEventAsync(connectionId, eventId, cancellationToken);

            // A version of 0 or less means "nothing yet": deltas need a base, so that block gets a snapshot.
            var missed = lastVersions.ToDictionary(
                kv => kv.Key, kv => kv.Value > 0 ? _history.Since(kv.Key, kv.Value) : null, StringComparer.Ordinal);
            var fresh = (await snapshots.OfBlocksAsync(eventId, missed.Where(kv => kv.Value is null).Select(kv => kv.Key)))
                .ToDictionary(s => s.BlockId, StringComparer.Ordinal);
            foreach (var (blockId, deltas) in missed)
            {
                if (deltas is null)
                {
                    await push.SeatSnapshotAsync(fresh[blockId], connectionId);
                    continue;
                }

                foreach (var delta in deltas)
                {
                    await push.SeatDeltaAsync(delta, connectionId);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Sends every watcher a snapshot of every block: after a drop nobody knows what was missed.</summary>
    public async Task RefreshWatchersAsync()
    {
        await _turn.WaitAsync();
        try
        {
            foreach (var snapshot in await snapshots.OfBlocksAsync(eventId, _blockIds))
            {
                _history.Reset(snapshot.BlockId, snapshot.Version);
                await push.SeatSnapshotAsync(snapshot);
            }
        }
        finally
        {
            _turn.Release();
        }
    }
}
