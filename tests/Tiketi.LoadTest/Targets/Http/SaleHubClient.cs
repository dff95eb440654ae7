using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>Connections to <c>/hubs/sale</c>, as the sale page opens them.</summary>
public static class SaleHubClient
{
    public const string Path = "/hubs/sale";

    /// <summary>A WebSocket connection watching nothing yet; handlers are attached before it starts.</summary>
    public static HubConnection Create(Uri api, string? accessToken = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(api, Path), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (accessToken is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true)
            .Build();

    /// <summary>
    /// One connection that follows the queue's progress for every waiting buyer of this run; when its API
    /// host goes away it reconnects through the next one, as a page does (<see cref="QueueFollower"/>).
    /// </summary>
    public static async Task<AdmissionWatch?> WatchQueueAsync(IReadOnlyList<Uri> apis, string eventId, CancellationToken cancellationToken)
    {
        var follower = new QueueFollower(apis, eventId);
        await follower.StartAsync(cancellationToken);
        return follower.Watch;
    }
}
