using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Tiketi.Api.Accounts;

namespace Tiketi.Api.Live;

/// <summary>
/// The signed-in hub connections of this host by session, so that a session ended early (logout, refresh
/// token reuse) loses its live connections at once instead of keeping its buyer's notices flowing until the
/// socket drops. SignalR checks the token only at the handshake, and its user groups know users, not sessions.
/// </summary>
public sealed class SessionConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _bySession = new(StringComparer.Ordinal);
    private readonly RevokedSessions _revoked;

    public SessionConnections(RevokedSessions revoked)
    {
        _revoked = revoked ?? throw new ArgumentNullException(nameof(revoked));
        _revoked.Revoked += Close;
    }

    /// <summary>Signed-in connections now open on this host.</summary>
    public int Count => _bySession.Values.Sum(c => c.Count);

    /// <summary>Notes a connection of a session; a session already revoked is closed straight away.</summary>
    public void Track(string sessionId, HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _bySession.GetOrAdd(sessionId, _ => new(StringComparer.Ordinal))[context.ConnectionId] = context;
        if (_revoked.IsRevoked(sessionId))
        {
            Close(sessionId);
        }
    }

    public void Forget(string sessionId, string connectionId)
    {
        if (_bySession.TryGetValue(sessionId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
        {
            _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(sessionId, connections));
        }
    }

    /// <summary>Ends every connection of the session; a client that reconnects with the revoked token is an anonymous watcher.</summary>
    public void Close(string sessionId)
    {
        if (_bySession.TryRemove(sessionId, out var connections))
        {
            foreach (var context in connections.Values)
            {
                context.Abort();
            }
        }
    }
}
