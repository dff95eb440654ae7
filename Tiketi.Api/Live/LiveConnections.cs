namespace Tiketi.Api.Live;

/// <summary>How many SignalR connections this host serves now, for logs and (later) metrics.</summary>
public sealed class LiveConnections
{
    private int _current;

    public int Current => Volatile.Read(ref _current);

    public int Opened() => Interlocked.Increment(ref _current);

    public int Closed() => Interlocked.Decrement(ref _current);
}
