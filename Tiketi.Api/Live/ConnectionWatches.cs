using Microsoft.AspNetCore.SignalR;

namespace Tiketi.Api.Live;

/// <summary>What one connection holds on this host (the events it watches, its buyer), kept in its Items.</summary>
public sealed class ConnectionWatches
{
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The signed-in buyer whose notices this connection receives.</summary>
    public string? BuyerId { get; set; }

    /// <summary>The sign-in session of the connection's token, tracked by <see cref="SessionConnections"/>.</summary>
    public string? SessionId { get; set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    public static ConnectionWatches Of(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(ConnectionWatches), out var found) && found is ConnectionWatches watches)
        {
            return watches;
        }

        watches = new ConnectionWatches();
        context.Items[typeof(ConnectionWatches)] = watches;
        return watches;
    }

    public bool Contains(string eventId)
    {
        lock (_lock)
        {
            return _events.Contains(eventId);
        }
    }

    public void Add(string eventId)
    {
        lock (_lock)
        {
            _events.Add(eventId);
        }
    }

    public bool Remove(string eventId)
    {
        lock (_lock)
        {
            return _events.Remove(eventId);
        }
    }

    public IReadOnlyList<string> TakeAll()
    {
        lock (_lock)
        {
            var all = _events.ToList();
            _events.Clear();
            return all;
        }
    }
}
