using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Observability;
using Tiketi.Scaling;

namespace Tiketi.Silo.Observability;

/// <summary>
/// Asks for capacity before a sale opens: every period it finds the sales opening within the policy's
/// lead (or just opened), estimates their crowds, and publishes the floor of <see cref="QueueScalingPolicy"/>
/// as <c>tiketi_prewarm_instances</c> and as the EMF metric <c>Tiketi/Queue PrewarmInstances</c>, which the
/// pre-warm alarms of deploy/aws compare with the groups' desired capacity. Every silo publishes the same
/// figure; consumers take the maximum.
/// </summary>
public sealed partial class PrewarmService(
    IGrainFactory grains,
    IOptions<PrewarmOptions> options,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    IServiceProvider services,
    ILogger<PrewarmService> logger) : BackgroundService
{
    private const int PageSize = 100;

    private static readonly Gauge FloorGauge = Metrics.CreateGauge(
        TiketiMetrics.PrewarmInstancesName, TiketiMetrics.Definitions.First(d => d.Name == TiketiMetrics.PrewarmInstancesName).Help);

    public static QueueScalingPolicy Policy => QueueScalingPolicy.Default;

    /// <summary>The sales whose pre-warm window contains <paramref name="now"/>, with their expected crowds.</summary>
    public async Task<IReadOnlyList<UpcomingSale>> UpcomingSalesAsync(DateTimeOffset now)
    {
        var settings = options.Value;
        var catalog = grains.GetGrain<IEventCatalogGrain>(IEventCatalogGrain.Key);
        var sales = new List<UpcomingSale>();
        for (var page = 1; (page - 1) * PageSize < settings.MaxEventsScanned; page++)
        {
            var listings = await catalog.SearchAsync(null, page, PageSize, includeDrafts: false);
            foreach (var listing in listings.Items.Where(l => l.Status == EventStatus.OnSale && InWindow(l.SaleOpensAt, now)))
            {
                if (await grains.GetGrain<IEventGrain>(listing.EventId).GetAsync() is { } info)
                {
                    var seats = info.Definition.Blocks.Sum(b => (long)b.Capacity);
                    sales.Add(new UpcomingSale(listing.EventId, listing.SaleOpensAt, (long)(seats * settings.ExpectedBuyersPerSeat)));
                }
            }

            if (page * PageSize >= listings.Total)
            {
                break;
            }
        }

        return sales;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var emf = services.GetService<EmfQueueMetricsPublisher>();
        await Hosting.ClusterReadiness.WaitForGrainsAsync(services, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.PrewarmInterval);
        do
        {
            try
            {
                var now = clock.GetUtcNow();
                var floor = Policy.Floor(await UpcomingSalesAsync(now), now);
                FloorGauge.Set(floor);
                emf?.PublishPrewarm(floor);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The cluster may still be starting or briefly unreachable; the next round tries again.
                LogRoundFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static bool InWindow(DateTimeOffset opensAt, DateTimeOffset now) =>
        now >= opensAt - Policy.PrewarmLead && now < opensAt + Policy.PrewarmHold;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-warm round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
