namespace Tiketi.Api.Live;

/// <summary>
/// Hears the Orleans client's connection to the cluster. When it comes back after being lost, the
/// cluster has dropped this host's stream subscriptions, so it rings <see cref="ClusterReconnects"/>.
/// A host that is itself a silo never loses its cluster and never hears from this.
/// </summary>
public sealed partial class ClusterConnectionObserver(ClusterReconnects reconnects, ILogger<ClusterConnectionObserver> logger)
    : IClusterConnectionStatusObserver
{
    public void NotifyClusterConnectionLost()
    {
        LogLost(logger);
        reconnects.Lost();
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (connectionRecovered && reconnects.Recovered())
        {
            LogRecovered(logger, currentNumberOfGateways);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the cluster; live pushes stop until it is back")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster is back ({Gateways} gateways); renewing stream subscriptions")]
    private static partial void LogRecovered(ILogger logger, int gateways);
}
