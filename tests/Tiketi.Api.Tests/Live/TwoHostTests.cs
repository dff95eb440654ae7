using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Live;

namespace Tiketi.Api.Tests.Live;

/// <summary>
/// Orleans is the backplane: host A (Kestrel, embedded silo) and host B (a pure cluster client of A's
/// silo) both relay a hold made anywhere in the cluster, with no Redis between them.
/// </summary>
public sealed class TwoHostTests : IAsyncLifetime, IDisposable
{
    private readonly TiketiApiFactory _hostA = new();
    private readonly TiketiApiFactory _hostB = new();
    private Uri _addressA = null!;

    public Task InitializeAsync()
    {
        var port = TiketiApiFactory.FreePort();
        _hostA.UseKestrel(port);
        _hostA.StartServer();
        _addressA = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}");

        _hostB.Settings["Orleans:ClusterId"] = _hostA.Settings["Orleans:ClusterId"];
        _hostB.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{_hostA.Settings["Orleans:GatewayPort"]}";
        _ = _hostB.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _hostB.DisposeAsync();
        await _hostA.DisposeAsync();
    }

    /// <summary>Already done by <see cref="DisposeAsync"/>; disposing a factory twice does nothing.</summary>
    public void Dispose()
    {
        _hostB.Dispose();
        _hostA.Dispose();
    }

    [Fact]
    public async Task WatchEvent_OnHostB_HoldMadeThroughHostA_ArrivesWithinOneSecond()
    {
        var saleA = new LiveSale(_hostA.Services.GetRequiredService<IClusterClient>());
        var eventId = await saleA.CreateEventAsync(blocks: 1);
        await using var onB = await SaleWatcher.ConnectAsync(_hostB);
        await using var onA = await SaleWatcher.ConnectAsync(_addressA);
        await onB.WatchAsync(eventId);
        await onA.WatchAsync(eventId);
        var arrivedOnB = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        onB.Connection.On<SeatDeltaDto>("SeatDelta", _ => arrivedOnB.TrySetResult(clock.Elapsed));

        var order = await saleA.HoldAsync(eventId, "two-hosts", "B1", quantity: 2);
        clock.Start();

        var latency = await arrivedOnB.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(latency < TimeSpan.FromSeconds(1), $"The hold reached host B's watcher after {latency.TotalMilliseconds:F0} ms.");
        await Eventually.TrueAsync(() => !onA.Deltas.IsEmpty, TimeSpan.FromSeconds(5), "the delta on host A too");
        var delta = Assert.Single(onB.Deltas);
        Assert.Equal(2, delta.Seats.Count);
        var onADelta = onA.Deltas.Single();
        Assert.Equal(delta.Version, onADelta.Version);
        Assert.Equal(delta.Seats, onADelta.Seats);

        // And the other way round: a release made through host B reaches both.
        await new LiveSale(_hostB.Services.GetRequiredService<IClusterClient>()).CancelAsync(order);
        await Eventually.TrueAsync(() => onA.Deltas.Count == 2 && onB.Deltas.Count == 2, TimeSpan.FromSeconds(5), "the release on both hosts");
    }
}
