using System.Net;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>/metrics is for Prometheus only (a private port, or a scrape token); the API reference is opt-in in Production.</summary>
public sealed class MetricsAndReferenceTests
{
    private const string ScrapeToken = "scrape-token-for-tests-6f1c2e";

    [Fact]
    public async Task Metrics_OnThePublicPort_RefusedToAnonymousAndBuyersServedWithTheScrapeToken()
    {
        using var factory = new TiketiApiFactory();
        factory.Settings["Metrics:ScrapeToken"] = ScrapeToken;
        var http = factory.CreateClient();
        var (_, tokens) = await AuthApi.NewSignedInAsync(http);

        using var anonymous = await http.GetAsync("/metrics");
        using var buyer = await SendAsync(http, AuthApi.Str(tokens, "accessToken"));
        using var wrong = await SendAsync(http, ScrapeToken + "x");
        using var prometheus = await SendAsync(http, ScrapeToken);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, buyer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, prometheus.StatusCode);
        Assert.Contains("http_requests_received_total", await prometheus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnThePrivatePort_ServedWithoutToken()
    {
        using var factory = new TiketiApiFactory();
        var port = TiketiApiFactory.FreePort();
        factory.Settings["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Metrics:Host"] = "127.0.0.1";
        using var publicPort = await factory.CreateClient().GetAsync("/metrics");
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await scraper.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("process_cpu_seconds_total", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_InProduction_OnlyWhenEnabled()
    {
        using var hidden = new ProductionApiFactory();
        using var shown = new ProductionApiFactory();
        shown.Settings["Security:PublishApiReference"] = "true";
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tiketi.test") };

        Assert.Equal(HttpStatusCode.NotFound, (await hidden.CreateClient(options).GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hidden.CreateClient(options).GetAsync("/scalar/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shown.CreateClient(options).GetAsync("/openapi/v1.json")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request);
    }
}
