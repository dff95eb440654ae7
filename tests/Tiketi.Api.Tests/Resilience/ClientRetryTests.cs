using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tiketi.Api.Hosting;
using Tiketi.Silo.Clients;

namespace Tiketi.Api.Tests.Resilience;

/// <summary>
/// An API host that is an Orleans client of a cluster (here: the embedded silo of another host, whose
/// grains fail on demand) retries retry-safe calls through a transient failure, so the buyer never
/// sees it, and never retries a call that could do something twice.
/// </summary>
public sealed class ClientRetryTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private readonly TiketiApiFactory _silo = new();
    private readonly TiketiApiFactory _client = new();
    private readonly FaultInjector _faults = new();
    private WebApplicationFactory<Program> _siloHost = null!;

    public async Task InitializeAsync()
    {
        _siloHost = _silo.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IIncomingGrainCallFilter>(_faults)));
        _ = _siloHost.Services;
        _client.Settings["Orleans:ClusterId"] = _silo.Settings["Orleans:ClusterId"];
        _client.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{_silo.Settings["Orleans:GatewayPort"]}";
        _client.Settings["Orleans:Client:RetryBudget"] = Budget.ToString();
        using var http = _client.CreateClient();
        await Live.Eventually.TrueAsync(
            async () => (await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the demo event through the client host");
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
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
    public async Task RetrySafeCall_FailsTwiceThenSucceeds_BuyerSeesOnlyTheAnswer()
    {
        var counts = _client.Services.GetRequiredService<ClientRetryCounts>();
        var (retries, recovered) = (counts.Retries, counts.Recovered);
        var before = _faults.Calls("IEventGrain.GetAsync");
        _faults.Fail("IEventGrain.GetAsync", () => new SiloUnavailableException("The target silo became unavailable"), times: 2);

        using var http = _client.CreateClient();
        using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _faults.Calls("IEventGrain.GetAsync") - before);
        Assert.Equal(2, counts.Retries - retries);
        Assert.Equal(1, counts.Recovered - recovered);
    }

    [Fact]
    public async Task RetrySafeCall_StillFailingWhenBudgetRunsOut_Answers503WithRetryAfter()
    {
        var counts = _client.Services.GetRequiredService<ClientRetryCounts>();
        var exhausted = counts.Exhausted;
        var before = _faults.Calls("IEventGrain.GetSummaryAsync");
        _faults.Fail("IEventGrain.GetSummaryAsync", () => FaultInjector.Make<OrleansMessageRejectionException>("Target silo is unavailable"));
        try
        {
            using var http = _client.CreateClient();
            using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"SYS002\"", body, StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(_faults.Calls("IEventGrain.GetSummaryAsync") - before > 2, "the call was not retried within its budget");
            Assert.Equal(1, counts.Exhausted - exhausted);
        }
        finally
        {
            _faults.Heal("IEventGrain.GetSummaryAsync");
        }
    }

    [Fact]
    public async Task CallThatIsNotRetrySafe_FailsOnce_IsNotSentAgain()
    {
        var admin = await ApiSession.AdminAsync(_client);
        var before = _faults.Calls("IEventGrain.DefineAsync");
        _faults.Fail("IEventGrain.DefineAsync", () => new SiloUnavailableException("The target silo became unavailable"), times: 1);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Sale.SaleSetup.Draft());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("SYS002", ApiSession.Code(problem));
        Assert.Equal(1, _faults.Calls("IEventGrain.DefineAsync") - before);
    }
}
