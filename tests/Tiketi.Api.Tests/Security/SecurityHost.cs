using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// A host of its own for security tests: the test settings with some overridden, every log event
/// captured, and the peer address settable per request (<see cref="TestClientAddress"/>).
/// </summary>
public sealed class SecurityHost : IDisposable
{
    private readonly TiketiApiFactory _root = new();

    public SecurityHost(IDictionary<string, string?>? settings = null, bool defaultLimits = false)
    {
        if (defaultLimits)
        {
            // The limits as shipped, not the generous ones functional tests share a client under.
            foreach (var key in _root.Settings.Keys.Where(k => k.StartsWith("Security:", StringComparison.Ordinal) && k != "Security:RefusalFlushInterval").ToList())
            {
                _root.Settings.Remove(key);
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _root.Settings[key] = value;
        }

        Factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<IStartupFilter, TestClientAddress>();
            s.AddSingleton<ILogEventSink>(Logs);
        }));
    }

    public CapturedLogs Logs { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public TiketiApiFactory Root => _root;

    /// <summary>A request as if it came from <paramref name="peer"/> (the TCP peer), with optional extra headers.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, object? body = null, string? peer = null, IDictionary<string, string>? headers = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (peer is not null)
        {
            request.Headers.Add(TestClientAddress.Header, peer);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // Generous: CI runs several test hosts, bcrypt and a browser on two cores.
        var client = Factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        return (response.StatusCode, json, response);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _root.Dispose();
    }
}

/// <summary>The test classes that capture a host's logs run one at a time: hosts starting beside them made captures flaky.</summary>
[CollectionDefinition(Name)]
public sealed class SecurityHostCollection
{
    public const string Name = "security-hosts";
}
