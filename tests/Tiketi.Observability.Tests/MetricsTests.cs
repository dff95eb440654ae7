using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Tiketi.Observability;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class MetricsTests(ObservabilityFactory factory)
{
    [Fact]
    public async Task Scrape_AfterSmallRush_ReportsEachBusinessMetric()
    {
        var rush = new SmallRush(factory);
        var ev = ("event_id", rush.EventId);
        await rush.CreateEventAsync();

        // 10 join, 6 admitted: 4 wait, published by the queue grain within one period.
        var admitted = await rush.JoinAndAdmitAsync();
        var metrics = await ScrapeUntilAsync(m => m.Value(TiketiMetrics.QueueSizeName, ev) == 4, "queue size 4");
        Assert.Equal(6, metrics.Value(TiketiMetrics.QueueAdmittedName, ev));

        // 6 holds of 2 seats; 30 s later 3 pay, 1 is declined.
        await rush.HoldAsync(admitted);
        await rush.CheckoutAsync();

        // Paying frees 3 shopping slots: 3 more buyers are admitted and 1 still waits.
        metrics = await ScrapeUntilAsync(m => m.Value(TiketiMetrics.QueueSizeName, ev) == 1, "queue size 1 after payments");
        Assert.Equal(9, metrics.Value(TiketiMetrics.QueueAdmittedName, ev));
        Assert.Equal(SmallRush.Payers * SmallRush.SeatsEach, metrics.Value(TiketiMetrics.TicketsSoldName, ev, ("category", "std")));
        Assert.Equal(3, metrics.Value(TiketiMetrics.HoldsActiveName, ev));
        Assert.Equal(SmallRush.Payers, metrics.Value(TiketiMetrics.CheckoutsName, ev, ("outcome", CheckoutOutcomes.Paid)));
        Assert.Equal(1, metrics.Value(TiketiMetrics.CheckoutsName, ev, ("outcome", CheckoutOutcomes.Declined)));
        Assert.Null(metrics.Value(TiketiMetrics.HoldsExpiredName, ev));

        // Hold → paid took exactly 30 s of sale time for each of the 3 payers.
        var histogram = TiketiMetrics.ReservationDurationName;
        Assert.Equal(3, metrics.Value($"{histogram}_count", ev));
        Assert.Equal(90, metrics.Value($"{histogram}_sum", ev));
        Assert.Equal(0, metrics.Value($"{histogram}_bucket", ev, ("le", "20")));
        Assert.Equal(3, metrics.Value($"{histogram}_bucket", ev, ("le", "30")));
        Assert.Equal("histogram", metrics.TypeOf(histogram));
        Assert.Equal("counter", metrics.TypeOf(TiketiMetrics.TicketsSoldName));

        // The 3 unpaid holds run out.
        factory.Clock.Advance(TimeSpan.FromMinutes(8));
        metrics = await ScrapeUntilAsync(m => m.Value(TiketiMetrics.HoldsExpiredName, ev) == 3, "3 expired holds");
        Assert.Equal(0, metrics.Value(TiketiMetrics.HoldsActiveName, ev));
    }

    [Fact]
    public async Task Scrape_SignalRConnection_CountedWhileOpen()
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/sale"), o => o.HttpMessageHandlerFactory = _ => server.CreateHandler())
            .Build();
        await connection.StartAsync();
        try
        {
            await ScrapeUntilAsync(m => m.Series(TiketiMetrics.WebSocketConnectionsName).Sum(s => s.Value) >= 1, "one live connection");
        }
        finally
        {
            await connection.DisposeAsync();
        }

        await ScrapeUntilAsync(m => m.Series(TiketiMetrics.WebSocketConnectionsName).Sum(s => s.Value) == 0, "no live connection");
    }

    [Fact]
    public async Task Scrape_ExportsHttpRuntimeAndOrleansMeters()
    {
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/api/events", UriKind.Relative))).EnsureSuccessStatusCode();

        var metrics = new PrometheusText(await factory.ScrapeAsync());

        Assert.Contains(metrics.Series("http_request_duration_seconds_count"), s => s.Labels.GetValueOrDefault("endpoint") == "/api/events/");
        Assert.Contains(metrics.Series("http_requests_received_total"), s => s.Labels["code"] == "200" && s.Labels["endpoint"] == "/api/events/");
        Assert.NotNull(metrics.TypeOf("process_cpu_seconds_total"));
        Assert.NotNull(metrics.TypeOf("system_runtime_dotnet_gc_collections"));
        Assert.NotEmpty(metrics.Series("microsoft_orleans_orleans_catalog_activations"));
        Assert.NotNull(metrics.TypeOf("microsoft_orleans_orleans_app_requests_latency"));
        Assert.DoesNotContain(metrics.Types.Keys, name => name.StartsWith("private_", StringComparison.Ordinal));
        Assert.DoesNotContain(metrics.Types.Keys, name => name.StartsWith("tiketi_tiketi", StringComparison.Ordinal));
    }

    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> condition, string what)
    {
        PrometheusText? last = null;
        await Eventually.TrueAsync(async () => condition(last = new PrometheusText(await factory.ScrapeAsync())), what);
        return last!;
    }

    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
