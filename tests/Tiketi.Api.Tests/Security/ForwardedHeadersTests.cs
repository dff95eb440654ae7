using System.Net;
using Tiketi.Accounts;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// X-Forwarded-For is believed only from configured proxies: a client cannot pick its own address (and so
/// dodge every per-address limit). The address is observed where it matters: the failed sign-in's log line.
/// </summary>
[Collection(SecurityHostCollection.Name)]
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Hosts hosts) : IClassFixture<ForwardedHeadersTests.Hosts>
{
    public const string Proxy = "10.0.0.5";

    [Fact]
    public async Task SpoofedForwardedFor_FromUntrustedClient_DoesNotChangeTheClientAddress()
    {
        var (status, _, _) = await hosts.WithProxy.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = AuthApi.FreshEmail(), password = "wrong-password-123" },
            peer: "203.0.113.50", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.7" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Single(hosts.WithProxy.Logs.WithId(SecurityEventIds.SignInFailed, "ClientIp", "203.0.113.50"));
        Assert.Empty(hosts.WithProxy.Logs.WithId(SecurityEventIds.SignInFailed, "ClientIp", "198.51.100.7"));
    }

    [Fact]
    public async Task SpoofedForwardedFor_WithNoProxyConfigured_IsIgnored()
    {
        var (status, _, _) = await hosts.WithoutProxy.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = AuthApi.FreshEmail(), password = "wrong-password-123" },
            peer: "203.0.113.60", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.8" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Single(hosts.WithoutProxy.Logs.WithId(SecurityEventIds.SignInFailed, "ClientIp", "203.0.113.60"));
        Assert.Empty(hosts.WithoutProxy.Logs.WithId(SecurityEventIds.SignInFailed, "ClientIp", "198.51.100.8"));
    }

    [Fact]
    public async Task ForwardedFor_FromConfiguredProxy_IsTheClientAddress()
    {
        var (status, _, _) = await hosts.WithProxy.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = AuthApi.FreshEmail(), password = "wrong-password-123" },
            peer: Proxy, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.9" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Single(hosts.WithProxy.Logs.WithId(SecurityEventIds.SignInFailed, "ClientIp", "198.51.100.9"));
    }

    /// <summary>One host trusting <see cref="Proxy"/>, one trusting nobody.</summary>
    public sealed class Hosts : IDisposable
    {
        public SecurityHost WithProxy { get; } = new(new Dictionary<string, string?> { ["Security:KnownProxies:0"] = Proxy });

        public SecurityHost WithoutProxy { get; } = new();

        public void Dispose()
        {
            WithProxy.Dispose();
            WithoutProxy.Dispose();
        }
    }
}
