using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiketi.Common;

namespace Tiketi.Audit;

/// <summary>
/// Moves this silo's error counts to each sale's <see cref="ISaleAuditGrain"/> every
/// <see cref="AuditOptions.ErrorFlushInterval"/>, and once more when the silo stops. Counts a flush could
/// not deliver go back into the tally for the next one.
/// </summary>
public sealed partial class ErrorFlusher(
    ErrorTally tally, IGrainFactory grains, IOptions<AuditOptions> options,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock, ILogger<ErrorFlusher> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(ErrorFlusher), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    public async Task FlushAsync()
    {
        foreach (var (eventId, counts) in tally.Drain(clock.GetUtcNow()))
        {
            try
            {
                await grains.GetGrain<ISaleAuditGrain>(eventId).AddErrorsAsync(counts);
            }
            catch (Exception exception)
            {
                tally.Restore(eventId, counts);
                LogFlushFailed(logger, exception, eventId);
            }
        }
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = LoopAsync();
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
        await FlushAsync();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ErrorFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the last flush follows in StopAsync.
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flushing error counts of {EventId} failed; they ride the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string eventId);
}
