using Microsoft.Extensions.Options;
using Orleans.Streams;
using Tiketi.Accounts;
using Tiketi.Api.Live;
using Tiketi.Common;

namespace Tiketi.Api.Accounts;

/// <summary>
/// Keeps <see cref="RevokedSessions"/> current: at start it subscribes to the registry's stream and then
/// loads the revocations still relevant (so nothing published in between is missed), before the host
/// serves a request. Afterwards it asks the registry again now and then: stream messages die with a silo
/// or while this host is cut off from the cluster, and after such a cut the subscription is renewed.
/// </summary>
public sealed partial class SessionRevocationFeed(
    IClusterClient client, RevokedSessions revoked, ClusterReconnects reconnects, IOptions<AuthOptions> options, TimeProvider clock,
    ILogger<SessionRevocationFeed> logger) : IHostedService, IDisposable
{
    /// <summary>How often the registry is asked for what the stream may have missed.</summary>
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private StreamSubscriptionHandle<SessionRevocation>? _subscription;
    private Task _loop = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SubscribeAsync();
            await LoadAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cluster may still be coming up (a client host starts before the silos): the loop retries.
            LogLoadFailed(logger, exception);
        }

        _loop = LoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SubscribeAsync()
    {
        var stream = client.GetStreamProvider(SaleStreams.Provider)
            .GetStream<SessionRevocation>(StreamId.Create(SessionStreams.Namespace, SessionStreams.Revoked));
        _subscription = await stream.SubscribeAsync((revocation, _) =>
        {
            revoked.Add(revocation.SessionId, revocation.RevokedAt);
            return Task.CompletedTask;
        });
    }

    private async Task LoadAsync()
    {
        var since = clock.GetUtcNow() - options.Value.AccessTokenLifetime - AuthExtensions.ClockSkew;
        foreach (var revocation in await client.GetGrain<ISessionRegistryGrain>(ISessionRegistryGrain.Key).GetSinceAsync(since))
        {
            revoked.Add(revocation.SessionId, revocation.RevokedAt);
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileInterval);
        var wasLost = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                wasLost |= reconnects.IsLost;
                try
                {
                    if (_subscription is null || (wasLost && !reconnects.IsLost))
                    {
                        await ResubscribeAsync();
                        wasLost = false;
                    }

                    await LoadAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogLoadFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ResubscribeAsync()
    {
        try
        {
            await (_subscription?.UnsubscribeAsync() ?? Task.CompletedTask);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStaleUnsubscribeFailed(logger, exception);
        }

        _subscription = null;
        await SubscribeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading revoked sessions failed; retrying in a few seconds")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping the old revocation subscription failed")]
    private static partial void LogStaleUnsubscribeFailed(ILogger logger, Exception exception);
}
