using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.Api.Tests.Security;

/// <summary>Failed sign-ins are limited per account and per client address, with the default limits.</summary>
public sealed class BruteForceTests : IClassFixture<TiketiApiFactory>
{
    private readonly WebApplicationFactory<Program> _factory;

    public BruteForceTests(TiketiApiFactory factory)
    {
        // The default limit (5 per 15 minutes), and a stand-in for the client address the proxy reports.
        _factory = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:FailedLoginsPerWindow", "5");
            b.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        });
    }

    [Fact]
    public async Task Login_SixthFailureWithinWindow_RefusedWith429ForThatAccountAndAddress()
    {
        var victim = $"victim-{Guid.NewGuid():N}@tiketi.test";
        var bystander = $"bystander-{Guid.NewGuid():N}@tiketi.test";
        var client = _factory.CreateClient();
        foreach (var email in new[] { victim, bystander })
        {
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Right-password-42" })).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(victim, "wrong-password-1", "10.1.1.1")).StatusCode);
        }

        var sixth = await LoginAsync(victim, "Right-password-42", "10.1.1.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("RATE001", (string?)(await sixth.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["code"]);

        // The account is protected from any address, and the address is slowed for any account.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(victim, "Right-password-42", "10.2.2.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(bystander, "Right-password-42", "10.1.1.1")).StatusCode);

        // Neither the bystander from elsewhere, nor successful sign-ins, are counted.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(bystander, "Right-password-42", "10.3.3.3")).StatusCode);
        }
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(TestClientAddress.Header, ip);
        return await _factory.CreateClient().SendAsync(request);
    }

    /// <summary>TestServer has no socket; this plays the part of the trusted proxy's forwarded address.</summary>
    private sealed class TestClientAddress : IStartupFilter
    {
        public const string Header = "X-Test-Client-Ip";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var ip))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
