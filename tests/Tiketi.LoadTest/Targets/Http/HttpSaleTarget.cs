using System.Net;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Invariants;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets.Orleans;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>
/// The REST API as a browser uses it: buyers register and log in (JWT), join the queue, follow it
/// (SignalR pushes, polling as a fallback), hold with X-Queue-Pass and pay with an Idempotency-Key.
/// Creating the event needs an admin account. The audit reads the grains when a cluster address was
/// given (--gateway, --postgres), else the admin API. With several API hosts (--url repeated) buyers are
/// spread over them, and a buyer whose host stops answering moves to the next one, as a page behind a
/// load balancer would.
/// </summary>
public sealed class HttpSaleTarget : ISaleTarget
{
    private readonly ApiClient _api;
    private readonly ApiHosts _hosts;
    private readonly TargetOptions _options;
    private readonly OrleansSaleTarget? _cluster;
    private int _signedIn;
    private string? _adminToken;

    private HttpSaleTarget(ApiHosts hosts, TargetOptions options, OrleansSaleTarget? cluster)
    {
        _hosts = hosts;
        _api = hosts[0];
        _options = options;
        _cluster = cluster;
    }

    public string Name => "http";

    public TimeProvider SaleClock => TimeProvider.System;

    public TimeSpan HoldGrace => _options.HoldGrace;

    public ISaleStateReader StateReader => _cluster?.StateReader ?? new HttpSaleStateReader(_api, () => AdminTokenAsync(CancellationToken.None));

    public Uri BaseAddress => _api.Http.BaseAddress!;

    /// <summary>What the audit's Orleans client retried, where the run has one.</summary>
    public Silo.Clients.ClientRetryCounts? Retries => _cluster?.Retries;

    /// <summary>Requests of buyers whose API host stopped answering, who then moved to another host.</summary>
    public long Failovers => _hosts.Failovers;

    public static async Task<ISaleTarget> ConnectAsync(TargetOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hosts = new List<ApiClient>();
        foreach (var text in options.Urls)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !IPAddress.TryParse(url.Host, out _) && url.Host != "localhost")
            {
                throw new UsageException($"--url {text}: give the API's address, e.g. http://127.0.0.1:5000.");
            }

            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 4096, ConnectTimeout = TimeSpan.FromSeconds(5) };
            var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            if (!ready.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}health/ready answered {(int)ready.StatusCode}.");
            }

            hosts.Add(new ApiClient(http));
        }

        var cluster = options.ClusterGiven
            ? await OrleansConnections.ConnectAsync(options.Gateways, options.Postgres, options.ClusterId, options.ServiceId, options.HoldGrace, options.RetryBudget, options.Coalesce, cancellationToken)
            : null;
        return new HttpSaleTarget(new ApiHosts(hosts), options, cluster);
    }

    public async Task<string> CreateSaleAsync(SaleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var token = await AdminTokenAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var rows = spec.RowsPerBlock();
        var draft = new EventDraftDto(
            "Load test rush", "The Load Tool", "Loopback Arena", now.AddDays(30), spec.OpensAt(now), now.AddDays(29),
            [new CategoryDto(SaleSpec.Category, "Standard", 99_000, "KRW")],
            new LayoutDto([.. rows.Select((r, b) => new SectionDto(SaleSpec.BlockId(b), $"Block {b + 1}", r, spec.SeatsPerRow, SaleSpec.Category))]),
            spec.PerBuyerLimit, Math.Max(1, (int)Math.Round(spec.HoldDuration.TotalMinutes)), spec.QueueEnabled,
            spec.Lottery ? "lottery" : "fifo");
        var created = Expect(await _api.SendAsync<EventCreatedDto>(HttpMethod.Post, "/api/admin/events", draft, token, cancellationToken), "creating the event");
        var eventId = created.EventId;
        Expect(await _api.SendAsync<bool>(HttpMethod.Post, $"/api/admin/events/{eventId}/open", null, token, cancellationToken), "opening the sale");
        var queue = new QueueControlDto(Math.Clamp(spec.AdmissionsPerSecond, 0.1, 10_000), Math.Clamp(spec.MaxActiveShoppers, 1, 1_000_000));
        Expect(await _api.SendAsync<bool>(HttpMethod.Put, $"/api/admin/events/{eventId}/queue", queue, token, cancellationToken), "setting the queue");
        return eventId;
    }

    public async Task<Reply<IBuyerSession>> SignInAsync(string buyerId, Metrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var email = $"{buyerId}@loadtest.tiketi.dev";
        var api = _hosts[Interlocked.Increment(ref _signedIn)];
        var registered = await metrics.TimeAsync("register", () => api.SendAsync<bool>(
            HttpMethod.Post, "/api/auth/register", new RegisterRequest(email, _options.BuyerPassword, buyerId), null, cancellationToken), cancellationToken);
        if (!registered.IsOk && registered.Code != "AUTH005")
        {
            return Reply<IBuyerSession>.Fail(registered.Code!, registered.Message);
        }

        var login = await metrics.TimeAsync("login", () => api.SendAsync<TokenPairDto>(
            HttpMethod.Post, "/api/auth/login", new LoginRequest(email, _options.BuyerPassword), null, cancellationToken), cancellationToken);
        return login.IsOk
            ? Reply<IBuyerSession>.Ok(new HttpBuyerSession(_hosts, _hosts.IndexOf(api), login.Value!.AccessToken, buyerId))
            : Reply<IBuyerSession>.Fail(login.Code!, login.Message);
    }

    public async Task<Reply<IReadOnlyList<SeatMapSnapshot>>> ReadSeatMapAsync(string eventId, CancellationToken cancellationToken)
    {
        var map = await _api.SendAsync<SeatMapDto>(HttpMethod.Get, $"/api/events/{eventId}/seats", null, null, cancellationToken);
        return map.IsOk
            ? Reply<IReadOnlyList<SeatMapSnapshot>>.Ok([.. map.Value!.Blocks.Select(b => HttpMapping.Snapshot(eventId, b))])
            : Reply<IReadOnlyList<SeatMapSnapshot>>.Fail(map.Code!, map.Message);
    }

    public async Task<Reply<IReadOnlyDictionary<string, BlockAvailability>>> ReadAvailabilityAsync(string eventId, CancellationToken cancellationToken)
    {
        var map = await _api.SendAsync<SeatMapDto>(HttpMethod.Get, $"/api/events/{eventId}/seats", null, null, cancellationToken);
        return map.IsOk
            ? Reply<IReadOnlyDictionary<string, BlockAvailability>>.Ok(map.Value!.Blocks.ToDictionary(
                b => b.BlockId,
                b => new BlockAvailability(b.Counts.Values.Sum(c => c.Available), b.Counts.Values.Sum(c => c.Held), b.Counts.Values.Sum(c => c.Sold)),
                StringComparer.Ordinal))
            : Reply<IReadOnlyDictionary<string, BlockAvailability>>.Fail(map.Code!, map.Message);
    }

    /// <summary>Releases a hold of <paramref name="buyer"/> (DELETE /api/holds/{id}).</summary>
    public Task<Reply<bool>> ReleaseAsync(IBuyerSession buyer, string holdId, CancellationToken cancellationToken) =>
        buyer is HttpBuyerSession session
            ? session.ReleaseAsync(holdId, cancellationToken)
            : throw new ArgumentException("Not a buyer of this target.", nameof(buyer));

    public Task<AdmissionWatch?> WatchQueueAsync(string eventId, CancellationToken cancellationToken) =>
        SaleHubClient.WatchQueueAsync(_hosts.Addresses, eventId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _hosts.Dispose();
    }

    private async Task<string> AdminTokenAsync(CancellationToken cancellationToken)
    {
        if (_adminToken is not null)
        {
            return _adminToken;
        }

        if (_options.AdminEmail is null || _options.AdminPassword is null)
        {
            throw new UsageException("--target http creates its event and audits through the admin API: give --admin-email and --admin-password (the API's Auth:AdminEmail / Auth:AdminPassword).");
        }

        var login = await _api.SendAsync<TokenPairDto>(HttpMethod.Post, "/api/auth/login", new LoginRequest(_options.AdminEmail, _options.AdminPassword), null, cancellationToken);
        return _adminToken = Expect(login, "signing in as admin").AccessToken;
    }

    private static T Expect<T>(Reply<T> reply, string what) =>
        reply.IsOk ? reply.Value! : throw new InvalidOperationException($"{what} failed: {reply.Code} {reply.Message}");
}
