using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Hosting;

namespace Tiketi.Api.Tests.Resilience;

/// <summary>
/// Two API hosts, shared by the resilience tests: one hosting the (embedded) silo, whose grain calls fail
/// on demand (<see cref="Faults"/>), and one that is an Orleans client of it, as a cluster's API hosts are,
/// with a short retry budget.
/// </summary>
public sealed class FaultyCluster : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(2);

    private readonly TiketiApiFactory _silo = new();
    private readonly TiketiApiFactory _client = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>The host with the silo: its own calls are not retried (nothing to fail over to).</summary>
    public WebApplicationFactory<Program> SiloHost { get; private set; } = null!;

    /// <summary>The host that reaches the silo as a client, through its gateway.</summary>
    public WebApplicationFactory<Program> ClientHost => _client;

    public async Task InitializeAsync()
    {
        SiloHost = _silo.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IIncomingGrainCallFilter>(Faults)));
        _ = SiloHost.Services;
        _client.Settings["Orleans:ClusterId"] = _silo.Settings["Orleans:ClusterId"];
        _client.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{_silo.Settings["Orleans:GatewayPort"]}";
        _client.Settings["Orleans:Client:RetryBudget"] = RetryBudget.ToString();
        using var http = _client.CreateClient();
        await Live.Eventually.TrueAsync(
            async () => (await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the demo event, through the client host");
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await SiloHost.DisposeAsync();
        await _silo.DisposeAsync();
    }

    /// <summary>Already done by <see cref="DisposeAsync"/>; disposing a factory twice does nothing.</summary>
    public void Dispose()
    {
        _client.Dispose();
        SiloHost.Dispose();
        _silo.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultyClusterCollection : ICollectionFixture<FaultyCluster>
{
    public const string Name = "faulty-cluster";
}
