using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;

namespace Tiketi.Api.Tests.Queue;

/// <summary>
/// A queue place belongs to the account, not the device: two sign-ins of one account share it, and
/// silence past the limit frees it with a reason the returning device is shown. This host moves its
/// own sale clock by hand; the shared host keeps real time for everyone else.
/// </summary>
public sealed class QueuePlaceAcrossDevicesTests : IDisposable
{
    private const string Password = "Correct-horse-9-battery";
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly TiketiApiFactory _factory = new();
    private readonly WebApplicationFactory<Program> _host;

    public QueuePlaceAcrossDevicesTests() =>
        _host = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(SaleClock.Key, _clock)));

    [Fact]
    public async Task Queue_OneAccountOnTwoDevices_HasOnePlaceThatSilenceFreesWithAReason()
    {
        var eventId = await CreateEventAsync(queueMode: "fifo", opensAt: _clock.GetUtcNow().AddMinutes(-1));
        var (phone, laptop) = await TwoDevicesOfOneAccountAsync();
        var other = await ApiSession.NewBuyerAsync(_host);
        var queue = $"/api/events/{eventId}/queue";

        var (_, joined) = await phone.SendAsync(HttpMethod.Post, queue);
        await other.SendAsync(HttpMethod.Post, queue);
        var (_, seen) = await laptop.SendAsync(HttpMethod.Get, queue);
        var (_, rejoined) = await laptop.SendAsync(HttpMethod.Post, queue);

        Assert.Equal(("waiting", 1L), (Str(joined, "state"), Long(joined, "position")));
        Assert.Equal(("waiting", 1L), (Str(seen, "state"), Long(seen, "position")));
        Assert.Equal(("waiting", 1L), (Str(rejoined, "state"), Long(rejoined, "position")));
        Assert.Equal(2L, await WaitingAsync(eventId));

        // The other buyer's page keeps reading; this account's two devices both go quiet past the limit.
        _clock.Advance(TimeSpan.FromSeconds(40));
        await other.SendAsync(HttpMethod.Get, queue);
        _clock.Advance(TimeSpan.FromSeconds(21));
        await Eventually(async () => await WaitingAsync(eventId) == 1);

        var (status, back) = await phone.SendAsync(HttpMethod.Get, queue);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("dropped", "QUEUE008"), (Str(back, "state"), Str(back, "reason")));
        Assert.NotNull(back["droppedAt"]);
        Assert.Equal(1L, Long((await other.SendAsync(HttpMethod.Get, queue)).Body, "position"));

        var (_, again) = await laptop.SendAsync(HttpMethod.Post, queue);
        Assert.Equal(("waiting", 2L), (Str(again, "state"), Long(again, "position")));
    }

    [Fact]
    public async Task Queue_LotteryEvent_RefusesBeforeThePreQueueThenBothDevicesWaitForTheDraw()
    {
        var opensAt = _clock.GetUtcNow().AddHours(2);
        var eventId = await CreateEventAsync(queueMode: "lottery", opensAt: opensAt);
        var (phone, laptop) = await TwoDevicesOfOneAccountAsync();
        var queue = $"/api/events/{eventId}/queue";

        var (early, problem) = await phone.SendAsync(HttpMethod.Post, queue);
        Assert.Equal((HttpStatusCode.Conflict, "QUEUE007"), (early, Str(problem, "code")));

        _clock.Advance(TimeSpan.FromMinutes(91));
        var (_, joined) = await phone.SendAsync(HttpMethod.Post, queue);
        var (_, seen) = await laptop.SendAsync(HttpMethod.Get, queue);

        Assert.Equal("preQueue", Str(joined, "state"));
        Assert.Equal(opensAt, joined["opensAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(("preQueue", opensAt), (Str(seen, "state"), seen["opensAt"]!.GetValue<DateTimeOffset>()));
    }

    [Fact]
    public async Task SetQueueControls_SilenceOutOfRange_Is400Req002()
    {
        var eventId = await CreateEventAsync(queueMode: "fifo", opensAt: _clock.GetUtcNow());
        var admin = await ApiSession.AdminAsync(_host);

        var (status, problem) = await admin.SendAsync(HttpMethod.Put, $"/api/admin/events/{eventId}/queue", new { admissionsPerSecond = 1, maxActiveShoppers = 10, silenceSeconds = 59 });

        Assert.Equal((HttpStatusCode.BadRequest, "REQ002"), (status, Str(problem, "code")));
    }

    [Fact]
    public async Task CreateEvent_LotteryWindowOutOfRange_Is400Req002()
    {
        var admin = await ApiSession.AdminAsync(_host);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Draft("lottery", _clock.GetUtcNow().AddHours(1), preQueueMinutes: 1_441));

        Assert.Equal((HttpStatusCode.BadRequest, "REQ002"), (status, Str(problem, "code")));
    }

    public void Dispose()
    {
        _host.Dispose();
        _factory.Dispose();
    }

    private async Task<(ApiSession Phone, ApiSession Laptop)> TwoDevicesOfOneAccountAsync()
    {
        var email = $"buyer-{Guid.NewGuid():N}@tiketi.test";
        var register = _host.CreateClient();
        (await register.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Two Devices" })).EnsureSuccessStatusCode();
        var phone = await ApiSession.LoginAsync(_host.CreateClient(), email, Password);
        var laptop = await ApiSession.LoginAsync(_host.CreateClient(), email, Password);
        Assert.Equal(phone.AccountId, laptop.AccountId);
        Assert.NotEqual(phone.Http.DefaultRequestHeaders.Authorization, laptop.Http.DefaultRequestHeaders.Authorization);
        return (phone, laptop);
    }

    private async Task<string> CreateEventAsync(string queueMode, DateTimeOffset opensAt)
    {
        var admin = await ApiSession.AdminAsync(_host);
        var (status, created) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Draft(queueMode, opensAt));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        var eventId = Str(created, "eventId");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/events/{eventId}/open")).Status);

        // Almost no admissions, so places stay in the queue; a one-minute silence limit.
        var (set, body) = await admin.SendAsync(HttpMethod.Put, $"/api/admin/events/{eventId}/queue", new { admissionsPerSecond = 0.01, maxActiveShoppers = 10, silenceSeconds = 60 });
        Assert.True(set == HttpStatusCode.OK, body.ToJsonString());
        return eventId;
    }

    private async Task<long> WaitingAsync(string eventId)
    {
        var admin = await ApiSession.AdminAsync(_host);
        var (status, figures) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/figures");
        Assert.True(status == HttpStatusCode.OK, figures.ToJsonString());
        return Long(figures, "queueWaiting");
    }

    private static object Draft(string queueMode, DateTimeOffset opensAt, int preQueueMinutes = 30) => new
    {
        title = $"Queue Night {Guid.NewGuid():N}"[..20],
        artist = "Test Band",
        venue = "Test Arena",
        startsAt = opensAt.AddDays(30),
        saleOpensAt = opensAt,
        saleClosesAt = opensAt.AddDays(29),
        categories = new object[] { new { id = "R", name = "R seat", price = 150000 } },
        layout = new { sections = new[] { new { id = "S1", name = "Section 1", rows = 2, seatsPerRow = 10, categoryId = "R" } } },
        perBuyerLimit = 4,
        holdMinutes = 7,
        queueEnabled = true,
        queueMode,
        preQueueMinutes,
    };

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 15 s.");
            await Task.Delay(50);
        }
    }

    private static string Str(JsonObject body, string name) => (string)body[name]!;

    private static long Long(JsonObject body, string name) => (long)body[name]!;

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
