using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Live;
using Tiketi.Api.Tests.Accounts;
using Tiketi.Api.Tests.Live;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// ASVS 3.3.1: logout and refresh-token reuse end the session's access tokens at once, not when they
/// expire, on every API host: host A (embedded silo) and host B (a pure cluster client of A's silo), and
/// the session's live connections with them.
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
    public async Task Logout_ClosesTheSessionsLiveConnectionsOnBothHosts_AndTheyReconnectOnlyAsAnonymous()
    {
        var onA = hosts.A.CreateClient();
        var (_, tokens) = await AuthApi.NewSignedInAsync(onA);
        var access = AuthApi.Str(tokens, "accessToken");
        var (_, other) = await AuthApi.NewSignedInAsync(onA);
        await using var onKestrel = await SaleWatcher.ConnectAsync(hosts.AddressOfA, access);
        await using var onTestServer = await SaleWatcher.ConnectAsync(hosts.B, access);
        await using var bystander = await SaleWatcher.ConnectAsync(hosts.B, AuthApi.Str(other, "accessToken"));
        var closedA = Closed(onKestrel.Connection);
        var closedB = Closed(onTestServer.Connection);
        var trackedOnB = hosts.B.Services.GetRequiredService<SessionConnections>();
        await EventuallyAsync(() => trackedOnB.Count == 2, "both signed-in connections tracked on B");

        await AuthApi.PostAsync(onA, "/api/auth/logout", new { }, access);

        // The stream carries the revocation to B within a second (the tests above); the socket goes with it.
        Assert.Same(closedA, await Task.WhenAny(closedA, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Same(closedB, await Task.WhenAny(closedB, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal(HubConnectionState.Connected, bystander.Connection.State);

        // The hub lets anyone watch seat maps, so the revoked token may connect again, but as nobody: it is
        // no longer a signed-in connection and gets no buyer's notices.
        await using var again = await SaleWatcher.ConnectAsync(hosts.B, access);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => again.WatchAsync("no-such-event")); // a round trip: after OnConnectedAsync
        Assert.Equal(1, trackedOnB.Count);
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

    /// <summary>The hub tracks a connection in OnConnectedAsync, which may finish just after the client's start.</summary>
    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Not within 10 s: {what}.");
            await Task.Delay(20);
        }
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
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
            var port = TiketiApiFactory.FreePort();
            A.UseKestrel(port);
            A.StartServer();
            AddressOfA = new Uri($"http://localhost:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            B.Settings["Orleans:ClusterId"] = A.Settings["Orleans:ClusterId"];
            B.Settings["Orleans:Gateways:0"] = $"127.0.0.1:{A.Settings["Orleans:GatewayPort"]}";
            _ = B.Server;
        }

        public TiketiApiFactory A { get; } = new();

        /// <summary>A's Kestrel address, for real sockets.</summary>
        public Uri AddressOfA { get; }

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
