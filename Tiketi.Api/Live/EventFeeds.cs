namespace Tiketi.Api.Live;

/// <summary>The events this host relays, each subscribed while at least one of its connections watches it.</summary>
public sealed class EventFeeds(IServiceProvider services, ILogger<EventFeeds> logger) : FeedRegistry<EventFeed>(logger)
{
    protected override EventFeed Create(string key) => ActivatorUtilities.CreateInstance<EventFeed>(services, key);
}
