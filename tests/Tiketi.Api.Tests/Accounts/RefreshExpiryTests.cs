using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;
using static Tiketi.Api.Tests.Accounts.AuthApi;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>
/// Refresh token expiry is enforced by the account grain on the sale clock. This host of its own
/// moves that clock by hand; the shared host keeps real time for everyone else.
/// </summary>
public sealed class RefreshExpiryTests : IDisposable
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly TiketiApiFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host;

    public RefreshExpiryTests() =>
        _host = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(SaleClock.Key, _clock)));

    [Fact]
    public async Task Refresh_AfterTheRefreshLifetime_Is401Auth006()
    {
        var http = _host.CreateClient();
        var (_, tokens) = await NewSignedInAsync(http);
        var (_, fresh) = await RefreshAsync(http, Str(tokens, "refreshToken"));

        _clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var (status, problem) = await RefreshAsync(http, Str(fresh, "refreshToken"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH006", Code(problem));
    }

    public void Dispose()
    {
        _host.Dispose();
        _factory.Dispose();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
