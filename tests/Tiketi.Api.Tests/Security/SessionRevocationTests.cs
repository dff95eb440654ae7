using System.Diagnostics;
using System.Net;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// ASVS 3.3.1: logout and refresh-token reuse end the session's access tokens at once, not when they
/// expire, on every API host: host A (embedded silo) and host B (a pure cluster client of A's silo).
/// </summary>
public sealed class SessionRevocationTests(SessionRevocationTests.TwoHosts hosts) : IClassFixture<SessionRevocationTests.TwoHosts>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Logout_AccessTokenRefusedOnBothHostsWithinOneSecond()
    {
        var onA = hosts.A.CreateClient();
        var onB = hosts.B.CreateClient();
        var (_, tokens) = await AuthApi.NewSignedInAsync(onA);
        var access = AuthApi.Str(tokens, "accessToken");
        Assert.Equal(HttpStatusCode.OK, (await AuthApi.GetAsync(onA, "/api/auth/me", access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AuthApi.GetAsync(onB, "/api/auth/me", access)).Status);

        var (loggedOut, _) = await AuthApi.PostAsync(onA, "/api/auth/logout", new { }, access);
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.NoContent, loggedOut);
        var (onAStatus, problem) = await AuthApi.GetAsync(onA, "/api/auth/me", access);
        Assert.Equal(HttpStatusCode.Unauthorized, onAStatus);
        Assert.Equal("AUTH002", AuthApi.Code(problem));
        var refusedOnB = await RefusedWithinAsync(onB, access, clock);
        Assert.True(refusedOnB <= Bound, $"Host B still took the token {refusedOnB.TotalMilliseconds:F0} ms after logout.");
    }

    [Fact]
    public async Task RefreshTokenReuse_AccessTokensOfTheSessionRefusedOnBothHostsWithinOneSecond()
    {
        var onA = hosts.A.CreateClient();
        var onB = hosts.B.CreateClient();
        var (_, first) = await AuthApi.NewSignedInAsync(onA);
        var (_, second) = await AuthApi.RefreshAsync(onA, AuthApi.Str(first, "refreshToken"));
        var access = AuthApi.Str(second, "accessToken");
        Assert.Equal(HttpStatusCode.OK, (await AuthApi.GetAsync(onB, "/api/auth/me", access)).Status);

        // The first refresh token again: a thief (or the victim) replays it; the whole sign-in ends.
        var (reused, problem) = await AuthApi.RefreshAsync(onB, AuthApi.Str(first, "refreshToken"));
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Unauthorized, reused);
        Assert.Equal("AUTH006", AuthApi.Code(problem));
        var refusedOnA = await RefusedWithinAsync(onA, access, clock);
        var refusedOnB = await RefusedWithinAsync(onB, access, clock);
        Assert.True(refusedOnA <= Bound && refusedOnB <= Bound,
            $"The session's token still worked {refusedOnA.TotalMilliseconds:F0} ms (A) and {refusedOnB.TotalMilliseconds:F0} ms (B) after the reuse.");
    }

    [Fact]
    public async Task Logout_OtherSessionsOfTheSameAccountKeepWorking()
    {
        var http = hosts.A.CreateClient();
        var email = AuthApi.FreshEmail();
        await AuthApi.RegisterAsync(http, email);
        var (_, phone) = await AuthApi.LoginAsync(http, email);
        var (_, laptop) = await AuthApi.LoginAsync(http, email);

        await AuthApi.PostAsync(http, "/api/auth/logout", new { }, AuthApi.Str(phone, "accessToken"));

        Assert.Equal(HttpStatusCode.OK, (await AuthApi.GetAsync(hosts.B.CreateClient(), "/api/auth/me", AuthApi.Str(laptop, "accessToken"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await AuthApi.RefreshAsync(http, AuthApi.Str(laptop, "refreshToken"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthApi.RefreshAsync(http, AuthApi.Str(phone, "refreshToken"))).Status);
    }

    /// <summary>Polls until the token is refused; returns how long after the start that was (or fails after 10 s).</summary>
    private static async Task<TimeSpan> RefusedWithinAsync(HttpClient http, string access, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var (status, problem) = await AuthApi.GetAsync(http, "/api/auth/me", access);
            if (status == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("AUTH002", AuthApi.Code(problem));
                return clock.Elapsed;
            }

            await Task.Delay(20);
        }

        Assert.Fail("The access token was never refused.");
        return TimeSpan.MaxValue;
    }

    /// <summary>Host A on Kestrel with the embedded silo; host B a client of A's silo (as TwoHostTests).</summary>
    public sealed class TwoHosts : IDisposable
    {
        public TwoHosts()
        {
            A.UseKestrel(TiketiApiFactory.FreePort());
            A.StartServer();
            B.Settings["Orleans:ClusterId"] = A.Settings["Orleans:ClusterId"];
            B.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{A.Settings["Orleans:GatewayPort"]}";
            _ = B.Server;
        }

        public TiketiApiFactory A { get; } = new();

        public TiketiApiFactory B { get; } = new();

        public void Dispose()
        {
            B.Dispose();
            try
            {
                A.Dispose();
            }
            catch (OperationCanceledException)
            {
                // A's silo stops while its stream agents may still be delivering revocations to B, whose client
                // just went away; that stop can run into the host's 30 s shutdown timeout. These tests are about
                // revocation, not shutdown: a slow stop of the test host is not their failure.
            }
        }
    }
}
