using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Tiketi.Api.Live;

namespace Tiketi.Api.Tests.Live;

/// <summary>A real SignalR client of /hubs/sale that records what it receives and keeps a seat map.</summary>
public sealed class SaleWatcher : IAsyncDisposable
{
    private SaleWatcher(HubConnection connection, SeatMapModel map)
    {
        Connection = connection;
        Map = map;
        connection.On<SeatDeltaDto>(nameof(ISaleClient.SeatDelta), d => { Deltas.Enqueue(d); Map.Apply(d); });
        connection.On<SeatSnapshotDto>(nameof(ISaleClient.SeatSnapshot), s => { Snapshots.Enqueue(s); Map.Apply(s); });
        connection.On<QueueProgressDto>(nameof(ISaleClient.QueueProgress), Progress.Enqueue);
        connection.On<BuyerNoticeDto>(nameof(ISaleClient.BuyerNotice), Notices.Enqueue);
    }

    public HubConnection Connection { get; }

    public SeatMapModel Map { get; }

    public ConcurrentQueue<SeatDeltaDto> Deltas { get; } = new();

    public ConcurrentQueue<SeatSnapshotDto> Snapshots { get; } = new();

    public ConcurrentQueue<QueueProgressDto> Progress { get; } = new();

    public ConcurrentQueue<BuyerNoticeDto> Notices { get; } = new();

    /// <summary>Through the factory's in-memory test server (long polling); <paramref name="map"/> carries over a reconnect.</summary>
    public static async Task<SaleWatcher> ConnectAsync(TiketiApiFactory factory, string? token = null, SeatMapModel? map = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, SaleHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();
        return await StartAsync(connection, map);
    }

    /// <summary>Through a real socket to a Kestrel host.</summary>
    public static async Task<SaleWatcher> ConnectAsync(Uri baseAddress, string? token = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, SaleHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();
        return await StartAsync(connection, null);
    }

    public Task WatchAsync(string eventId, IReadOnlyDictionary<string, long>? lastVersions = null) =>
        Connection.InvokeAsync("WatchEvent", eventId, lastVersions);

    public Task UnwatchAsync(string eventId) => Connection.InvokeAsync("UnwatchEvent", eventId);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private static async Task<SaleWatcher> StartAsync(HubConnection connection, SeatMapModel? map)
    {
        var watcher = new SaleWatcher(connection, map ?? new SeatMapModel());
        await connection.StartAsync();
        return watcher;
    }
}
