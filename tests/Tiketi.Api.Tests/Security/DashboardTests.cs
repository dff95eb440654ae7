using System.Net;

namespace Tiketi.Api.Tests.Security;

/// <summary>The Orleans Dashboard answers admins, by bearer token or by the dashboard cookie, and nobody else.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Dashboard_Admin_Served()
    {
        var admin = await ApiSession.AdminAsync(factory);

        using var response = await admin.Http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AdminCookie_ServedWithoutBearerHeader()
    {
        var admin = await ApiSession.AdminAsync(factory);
        using var session = await admin.Http.PostAsync("/api/auth/dashboard-session", null);
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = session.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);

        var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        using var response = await browser.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/SiloStats/not-a-silo")]
    [InlineData("/dashboard/SiloProperties/999.1.1.1:x@y")]
    [InlineData("/dashboard/SiloCounters/1.2.3.4:99999999999@1")]
    [InlineData("/dashboard/HistoricalStats/127.0.0.1")]
    public async Task Dashboard_MalformedSiloAddress_NotFoundRatherThanServerError(string url)
    {
        var admin = await ApiSession.AdminAsync(factory);

        using var response = await admin.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_BuyerOrAnonymous_Refused()
    {
        var buyer = await ApiSession.NewBuyerAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Http.PostAsync("/api/auth/dashboard-session", null)).StatusCode);
    }
}
