using Microsoft.Extensions.Options;
using Tiketi.Audit;

namespace Tiketi.Api.Security;

/// <summary>
/// Refusals the API itself makes (rate limits, the macro block) for a sale, counted into the sale's audit
/// like the grains' own refusals: in memory per host (the same <see cref="ErrorTally"/> the silos use, but
/// this host's own instance), moved to <see cref="ISaleAuditGrain"/> every
/// <see cref="SecurityOptions.RefusalFlushInterval"/>, so a refusal costs no grain call.
/// </summary>
public sealed partial class ApiRefusals(
    IClusterClient client, IOptions<SecurityOptions> options, TimeProvider clock, ILogger<ApiRefusals> logger) : BackgroundService
{
    private readonly ErrorTally _tally = new();

    /// <summary>Counts a refusal of a request for <paramref name="eventId"/>; requests of no sale are not audited.</summary>
    public void Count(string? eventId, string code)
    {
        if (!string.IsNullOrEmpty(eventId) && Tiketi.Common.GrainKeys.IsValidId(eventId))
        {
            _tally.Count(eventId, code, clock.GetUtcNow());
        }
    }

    public async Task FlushAsync()
    {
        foreach (var (eventId, counts) in _tally.Drain(clock.GetUtcNow()))
        {
            try
            {
                await client.GetGrain<ISaleAuditGrain>(eventId).AddErrorsAsync(counts);
            }
            catch (Exception exception)
            {
                _tally.Restore(eventId, counts);
                LogFlushFailed(logger, exception, eventId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefusalFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding the API's refusals to the audit of {EventId} failed; they ride the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string eventId);
}
