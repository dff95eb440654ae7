namespace Tiketi.Api.Live;

/// <summary>The buyers whose notices this host relays: those with at least one signed-in connection here.</summary>
public sealed class BuyerFeeds(IServiceProvider services, ILogger<BuyerFeeds> logger) : FeedRegistry<BuyerFeed>(logger)
{
    protected override BuyerFeed Create(string key) => ActivatorUtilities.CreateInstance<BuyerFeed>(services, key);
}
