using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Tiketi.Observability;

namespace Tiketi.Api.Observability;

/// <summary>
/// Counts live SignalR connections of every hub in <c>tiketi_websocket_connections{transport}</c>: a
/// connection counts once its hub accepted it and stops counting when it goes, whatever the hub does.
/// </summary>
public sealed class ConnectionCountingHubFilter(TiketiMetrics metrics) : IHubFilter
{
    private const string CountedKey = "tiketi.counted-transport";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        var transport = TransportOf(context.Context);
        context.Context.Items[CountedKey] = transport;
        metrics.WebSocketConnectionsChanged(transport, +1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey, out var transport) && transport is string counted)
            {
                metrics.WebSocketConnectionsChanged(counted, -1);
            }
        }
    }

    public static string TransportOf(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IHttpTransportFeature>()?.TransportType switch
        {
            HttpTransportType.WebSockets => "websockets",
            HttpTransportType.ServerSentEvents => "server_sent_events",
            HttpTransportType.LongPolling => "long_polling",
            _ => "other",
        };
    }
}
