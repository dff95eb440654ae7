using System.Net;

namespace Tiketi.Api.Tests.Security;

/// <summary>A header scan of pages and API in Production finds every security header.</summary>
public sealed class SecurityHeaderTests : IClassFixture<ProductionApiFactory>
{
    private readonly ProductionApiFactory _factory;

    public SecurityHeaderTests(ProductionApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/events")]
    [InlineData("/api/events/no-such-event")]
    [InlineData("/api/orders")]
    [InlineData("/health/live")]
    public async Task Response_InProduction_CarriesEverySecurityHeader(string path)
    {
        using var client = _factory.CreateClient(new() { BaseAddress = new Uri("https://tiketi.test"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        var headers = response.Headers;
        Assert.Contains("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws: wss:", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(string.IsNullOrEmpty(Header(response, "Referrer-Policy")));
        Assert.False(string.IsNullOrEmpty(Header(response, "Permissions-Policy")));
    }

    [Fact]
    public async Task Request_OverPlainHttpInProduction_RedirectedToHttps()
    {
        using var client = _factory.CreateClient(new() { BaseAddress = new Uri("http://tiketi.test"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/events");

        Assert.True(response.StatusCode is HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently);
        Assert.Equal("https", response.Headers.Location!.Scheme);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
