using System.Net.Http.Headers;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Tiketi.Events;
using Tiketi.Silo.Observability;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class LoggingTests(ObservabilityFactory factory)
{
    [Fact]
    public async Task Request_WithCorrelationId_EchoedLoggedAndCarriedIntoGrainCalls()
    {
        var id = $"corr-{Guid.NewGuid():N}";
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?q=metrics");
        request.Headers.Add(Correlation.Header, id);

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal(id, response.Headers.GetValues(Correlation.Header).Single());
        Assert.Contains(factory.GrainCalls.Calls, c => c.Method == nameof(IEventCatalogGrain.SearchAsync) && c.CorrelationId == id);
        await Eventually.TrueAsync(
            () => Task.FromResult(factory.Logs.Events.Any(e => e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal) && Property(e, Correlation.LogProperty) == id)),
            "a request log line with the correlation id");
    }

    [Fact]
    public async Task GrainCalls_DoNotLogEveryPlacementAttempt()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/events?q=polly-{Guid.NewGuid():N}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Contains(factory.GrainCalls.Calls, c => c.Method == nameof(IEventCatalogGrain.SearchAsync));

        // Orleans places grains through Polly, whose telemetry would log each attempt at Information: noise at rush rates.
        Assert.DoesNotContain(factory.Logs.Events, e => Property(e, "SourceContext") == "Polly" && e.Level < LogEventLevel.Warning);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces in it")]
    [InlineData("line\u2028break")]
    [InlineData("a-very-long-correlation-id-that-goes-on-and-on-well-beyond-sixty-four-characters")]
    public async Task Request_WithoutUsableCorrelationId_GetsAFreshOne(string? offered)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        if (offered is not null)
        {
            request.Headers.TryAddWithoutValidation(Correlation.Header, offered);
        }

        using var response = await client.SendAsync(request);

        var id = response.Headers.GetValues(Correlation.Header).Single();
        Assert.NotEqual(offered, id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task Logs_NeverContainTokensFromHeadersOrQueryStrings()
    {
        const string queryToken = "QUERY-SECRET-7f3a9c";
        const string bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlLWxlYWs";
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        client.DefaultRequestHeaders.Add("X-Queue-Pass", "PASS-SECRET-1b2c3d");

        await client.GetAsync(new Uri($"/api/events?access_token={queryToken}", UriKind.Relative));
        await client.GetAsync(new Uri("/api/orders", UriKind.Relative));

        var rendered = Render(factory.Logs.Events);
        Assert.Contains(factory.Logs.Events, e => Property(e, "RequestPath") == "/api/events");
        Assert.DoesNotContain(queryToken, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(bearer, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS-SECRET-1b2c3d", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(ObservabilityFactory.AdminPassword, rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_MasksSecretNamedPropertiesAndJwtShapedValues_AtAnyDepth()
    {
        var sink = new CapturedLogs();
        using var logger = new LoggerConfiguration().Enrich.With<SecretRedactionEnricher>().WriteTo.Sink(sink).CreateLogger();

        logger.Information("Login {Email} with {Password}", "a@b.c", "hunter2-secret");
        logger.Information("Issued {@Grant}", new { AccessToken = "abc.def", Subject = "u1", Nested = new { ConnectionString = "Host=db;Password=x" } });
        logger.Information("Saw {Header}", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig");

        var rendered = Render(sink.Events);
        Assert.DoesNotContain("hunter2-secret", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=x", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", rendered, StringComparison.Ordinal);
        Assert.Contains("a@b.c", rendered, StringComparison.Ordinal);
        Assert.Contains("u1", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void GrainLog_InsideARequestContext_CarriesTheCorrelationId()
    {
        var sink = new CapturedLogs();
        using var logger = new LoggerConfiguration().Enrich.With<CorrelationIdEnricher>().WriteTo.Sink(sink).CreateLogger();

        RequestContext.Set(Correlation.RequestContextKey, "grain-call-42");
        try
        {
            logger.Information("{Count} holds expired", 3);
        }
        finally
        {
            RequestContext.Remove(Correlation.RequestContextKey);
        }

        logger.Information("outside any request");
        Assert.Equal("grain-call-42", Property(sink.Events[0], Correlation.LogProperty));
        Assert.Null(Property(sink.Events[1], Correlation.LogProperty));
    }

    [Theory]
    [InlineData(null, true, LogFormat.Json)]
    [InlineData("auto", false, LogFormat.Text)]
    [InlineData("text", true, LogFormat.Text)]
    [InlineData("JSON", false, LogFormat.Json)]
    public void LogFormat_FollowsTerminalUnlessConfigured(string? configured, bool redirected, LogFormat expected) =>
        Assert.Equal(expected, TiketiLogging.ResolveFormat(configured, redirected));

    private static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text } ? text : null;

    private static string Render(IEnumerable<LogEvent> events)
    {
        var formatter = new RenderedCompactJsonFormatter();
        using var writer = new StringWriter();
        foreach (var e in events)
        {
            formatter.Format(e, writer);
        }

        return writer.ToString();
    }
}
