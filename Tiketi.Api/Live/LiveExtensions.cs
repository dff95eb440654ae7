using Microsoft.AspNetCore.SignalR;

namespace Tiketi.Api.Live;

/// <summary>
/// Live updates: the SignalR hub and the relay from Orleans streams to its groups. Orleans is the
/// backplane; any number of API hosts relay the same events without Redis.
/// </summary>
public static class LiveExtensions
{
    public static WebApplicationBuilder AddTiketiLive(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<LiveOptions>()
            .Bind(builder.Configuration.GetSection(LiveOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSignalR();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<SalePush>();
        services.AddSingleton<SeatSnapshots>();
        services.AddSingleton<EventFeeds>();
        services.AddSingleton<BuyerFeeds>();
        services.AddSingleton<SessionConnections>();
        services.AddSingleton<BuyerShardFeeds>();
        services.AddSingleton<ClusterReconnects>();
        services.AddSingleton<IClusterConnectionStatusObserver, ClusterConnectionObserver>();
        services.AddHostedService<FeedResubscriber>();
        services.AddHostedService<ClusterProbe>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSaleHub(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapHub<SaleHub>(SaleHub.Path).AllowAnonymous();
        return routes;
    }
}
