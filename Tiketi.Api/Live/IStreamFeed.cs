namespace Tiketi.Api.Live;

/// <summary>An Orleans stream subscription this host holds on behalf of its SignalR connections.</summary>
public interface IStreamFeed
{
    /// <summary>Subscribes; called when the first connection of this host needs the feed.</summary>
    Task SubscribeAsync();

    /// <summary>Unsubscribes; called when the last connection of this host let go.</summary>
    Task UnsubscribeAsync();

    /// <summary>
    /// The host regained the cluster after losing it: the cluster drops the subscriptions of a client
    /// it lost, so subscribe again and catch the connections up on what they may have missed.
    /// </summary>
    Task ResubscribeAsync();
}
