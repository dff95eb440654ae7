using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Seating;

namespace Tiketi.Api.Tests.Live;

/// <summary>
/// A client host that loses its cluster and gets it back renews its stream subscriptions by itself and
/// refreshes its watchers, who then keep receiving deltas as if nothing had happened.
/// </summary>
public sealed class ClusterReconnectTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly TiketiApiFactory _silo = new();
    private readonly TiketiApiFactory _client = new();
    private LoopbackProxy _proxy = null!;
    private WebApplicationFactory<Program> _siloHost = null!;

    /// <summary>
    /// The silo listens on its gateway port but advertises the proxy's, so the cluster routes to the
    /// client host through the proxy exactly as the client host reaches the cluster.
    /// </summary>
    public Task InitializeAsync()
    {
        var gatewayPort = int.Parse(_silo.Settings["Orleans:GatewayPort"]!, CultureInfo.InvariantCulture);
        _proxy = new LoopbackProxy(gatewayPort);
        _siloHost = _silo.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<EndpointOptions>(o =>
        {
            o.GatewayPort = _proxy.Port;
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
        })));
        _ = _siloHost.Services;
        _proxy.Open();
        _client.Settings["Orleans:ClusterId"] = _silo.Settings["Orleans:ClusterId"];
        _client.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{_proxy.Port}";
        _ = _client.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _proxy.DisposeAsync();
        await _siloHost.DisposeAsync();
        await _silo.DisposeAsync();
    }

    /// <summary>Already done by <see cref="DisposeAsync"/>; disposing a factory twice does nothing.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _siloHost.Dispose();
        _silo.Dispose();
    }

    [Fact]
    public async Task ClusterConnection_LostAndRegained_HostResubscribesAndWatchersCatchUp()
    {
        var sale = new LiveSale(_siloHost.Services.GetRequiredService<IClusterClient>());
        var eventId = await sale.CreateEventAsync();
        await using var watcher = await SaleWatcher.ConnectAsync(_client);
        await watcher.WatchAsync(eventId, new Dictionary<string, long> { ["B1"] = 0, ["B2"] = 0 });
        await sale.HoldAsync(eventId, "before", "B1");
        await Eventually.TrueAsync(() => watcher.Deltas.Count == 1, Within, "the delta before the cut");

        await _proxy.CutAsync();
        await sale.HoldAsync(eventId, "during", "B2");
        await Task.Delay(TimeSpan.FromSeconds(1));
        _proxy.Open();

        await Eventually.TrueAsync(() => watcher.Snapshots.Count >= 4, Within, "a refreshing snapshot of each block");
        await sale.HoldAsync(eventId, "after", "B1");
        var truth = await sale.SnapshotsAsync(eventId, "B1", "B2");
        await Eventually.TrueAsync(() => truth.Values.All(s => watcher.Map.Block(s.BlockId)?.Version == s.Version), Within, "caught up");
        Assert.Empty(watcher.Map.Gaps);
        foreach (var (blockId, snapshot) in truth)
        {
            Assert.Equal(LiveSale.Digits(snapshot), watcher.Map.Block(blockId)!.Value.Seats);
        }

        var stream = _client.Services.GetRequiredService<IClusterClient>().GetStreamProvider(SaleStreams.Provider)
            .GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, eventId));
        Assert.Single(await stream.GetAllSubscriptionHandles());
    }
}
