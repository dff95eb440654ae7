using System.Net;
using Tiketi.Accounts;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// Each security event is logged once, with its stable event id and the ids it is about, never a secret:
/// the Loki queries in docs/observability.md find them by these ids.
/// </summary>
[Collection(SecurityHostCollection.Name)]
public sealed class SecurityEventLogTests(SecurityEventLogTests.Host host) : IClassFixture<SecurityEventLogTests.Host>
{
    private CapturedLogs Logs => host.Security.Logs;

    [Fact]
    public async Task SignInFailed_LoggedOnceWithAccountAndAddress_WithoutThePassword()
    {
        var (email, accountId) = await host.RegisteredAsync();

        await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "not-the-password-9" }, peer: "192.0.2.10");

        Assert.True(Logs.WithId(SecurityEventIds.SignInFailed, "AccountId", accountId).Count == 1, Logs.Dump("SecurityLog"));
        var logged = Assert.Single(Logs.WithId(SecurityEventIds.SignInFailed, "AccountId", accountId));
        Assert.Equal("192.0.2.10", CapturedLogs.Property(logged, "ClientIp"));
        Assert.DoesNotContain("not-the-password-9", Logs.Dump(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, Logs.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInProofRequired_LoggedOncePerRefusal()
    {
        var (email, _) = await host.RegisteredAsync();
        await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "not-the-password-1" }, peer: "192.0.2.11");
        await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "not-the-password-2" }, peer: "192.0.2.11");

        var (status, _, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: "192.0.2.12");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Single(Logs.WithId(SecurityEventIds.SignInProofRequired, "ClientIp", "192.0.2.12"));
    }

    [Fact]
    public async Task Throttled_LoggedOncePerRefusal()
    {
        HttpStatusCode last = default;
        for (var i = 0; i < Host.AnonymousPerMinute + 1; i++)
        {
            last = (await host.Security.SendAsync(HttpMethod.Get, "/api/events", peer: "192.0.2.13")).Status;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var logged = Assert.Single(Logs.WithId(SecurityEventIds.Throttled, "ClientIp", "192.0.2.13"));
        Assert.Equal("anonymous", CapturedLogs.Property(logged, "Limit"));
    }

    [Fact]
    public async Task RefreshReuseAndSessionRevocation_LoggedOnceEach()
    {
        var http = host.Security.Factory.CreateClient();
        var (accountId, first) = await AuthApi.NewSignedInAsync(http);
        await AuthApi.RefreshAsync(http, AuthApi.Str(first, "refreshToken"));

        await AuthApi.RefreshAsync(http, AuthApi.Str(first, "refreshToken"));

        Assert.Single(Logs.WithId(SecurityEventIds.RefreshTokenReused, "AccountId", accountId));
        var revoked = Assert.Single(Logs.WithId(SecurityEventIds.SessionRevoked, "AccountId", accountId));
        Assert.Equal("refresh-reuse", CapturedLogs.Property(revoked, "Reason"));
    }

    [Fact]
    public async Task Logout_SessionRevocationLoggedOnce()
    {
        var http = host.Security.Factory.CreateClient();
        var (accountId, tokens) = await AuthApi.NewSignedInAsync(http);

        await AuthApi.PostAsync(http, "/api/auth/logout", new { refreshToken = AuthApi.Str(tokens, "refreshToken") }, AuthApi.Str(tokens, "accessToken"));

        var revoked = Assert.Single(Logs.WithId(SecurityEventIds.SessionRevoked, "AccountId", accountId));
        Assert.Equal("logout", CapturedLogs.Property(revoked, "Reason"));
    }

    [Fact]
    public async Task AdminAction_LoggedOnceWithTheRoute()
    {
        var admin = await ApiSession.AdminAsync(host.Security.Factory);

        var (created, _) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Sale.SaleSetup.Draft());

        Assert.Equal(HttpStatusCode.Created, created);
        var logged = Assert.Single(Logs.WithId(SecurityEventIds.AdminAction, "AccountId", admin.AccountId), e => CapturedLogs.Property(e, "Route") is "/api/admin/events/" or "/api/admin/events");
        Assert.Equal("POST", CapturedLogs.Property(logged, "Method"));
    }

    [Fact]
    public async Task RepeatedRequestsBlocked_LoggedOnceForTheBlock()
    {
        var admin = await ApiSession.AdminAsync(host.Security.Factory);
        var eventId = await Sale.SaleSetup.CreateOpenEventAsync(admin);
        var macro = await ApiSession.NewBuyerAsync(host.Security.Factory);
        await macro.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue");

        for (var i = 0; i < Host.MacroPerMinute + 5; i++)
        {
            await macro.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/queue");
        }

        Assert.Single(Logs.WithId(SecurityEventIds.RepeatedRequestsBlocked, "AccountId", macro.AccountId));
    }

    [Fact]
    public async Task SignalRNegotiate_LimitedPerAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await host.Security.SendAsync(HttpMethod.Post, "/hubs/sale/negotiate?negotiateVersion=1", peer: "192.0.2.14")).Status);
        }

        var elsewhere = (await host.Security.SendAsync(HttpMethod.Post, "/hubs/sale/negotiate?negotiateVersion=1", peer: "192.0.2.15")).Status;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, elsewhere);
        Assert.Single(Logs.WithId(SecurityEventIds.Throttled, "ClientIp", "192.0.2.14"));
    }

    /// <summary>A host with small limits, so each event can be provoked quickly.</summary>
    public sealed class Host : IDisposable
    {
        public const int AnonymousPerMinute = 5;
        public const int MacroPerMinute = 12;

        public SecurityHost Security { get; } = new(new Dictionary<string, string?>
        {
            ["Security:AnonymousRequestsPerMinute"] = AnonymousPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:FreeFailedLogins"] = "1",
            ["Security:LoginProofBits"] = "8",
            ["Security:QueuePollsPerMinute"] = "6",
            ["Security:NegotiationsPerMinute"] = "3",
            ["Security:MacroPollsPerMinute"] = MacroPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public async Task<(string Email, string AccountId)> RegisteredAsync()
        {
            var email = AuthApi.FreshEmail();
            var (status, body, _) = await Security.SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password = AuthApi.Password }, peer: "192.0.2.250");
            Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
            return (email, (string)body["id"]!);
        }

        public void Dispose() => Security.Dispose();
    }
}
