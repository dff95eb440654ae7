using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Tiketi.Silo.Clients;

/// <summary>
/// Makes an Orleans client of a TIKETI cluster (API host, load tool) ride out failovers: retry-safe calls
/// are retried within a budget (<see cref="TransientRetryFilter"/>), a call lost with a dead silo fails
/// after <see cref="ClientRetryOptions.ResponseTimeout"/> instead of Orleans' 30 s, and the gateway list is
/// reread often enough that a replaced silo is used within seconds. Settings from "Orleans:Client".
/// </summary>
public static class ClientResilienceExtensions
{
    public static IClientBuilder AddTiketiClientResilience(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        client.Services.AddOptions<ClientRetryOptions>().Bind(configuration.GetSection(ClientRetryOptions.Section));
        return client.AddTiketiClientResilience();
    }

    /// <summary>With the defaults, or settings configured elsewhere (<c>services.Configure&lt;ClientRetryOptions&gt;</c>).</summary>
    public static IClientBuilder AddTiketiClientResilience(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var services = client.Services;
        services.AddOptions<ClientRetryOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ClientRetryCounts>();
        services.AddOptions<ClientMessagingOptions>()
            .Configure<IOptions<ClientRetryOptions>>((messaging, retry) => messaging.ResponseTimeout = retry.Value.ResponseTimeout);
        services.AddOptions<GatewayOptions>()
            .Configure<IOptions<ClientRetryOptions>>((gateways, retry) => gateways.GatewayListRefreshPeriod = retry.Value.GatewayListRefreshPeriod);
        client.AddOutgoingGrainCallFilter<TransientRetryFilter>();
        return client;
    }
}
