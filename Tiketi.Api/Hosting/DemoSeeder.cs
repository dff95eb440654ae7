using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Queue;
using Tiketi.Silo.Hosting;

namespace Tiketi.Api.Hosting;

/// <summary>
/// Seeds the embedded default with a sale that is open now: six reserved blocks (3,000 seats in three
/// price categories) and a standing floor of 1,000, behind a waiting queue.
/// </summary>
public sealed class DemoSeeder(IClusterClient client, IServiceProvider services, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string EventId = "demo-rush";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ClusterReadiness.WaitForGrainsAsync(services, stoppingToken);

        var grain = client.GetGrain<IEventGrain>(EventId);
        if (await grain.GetAsync() is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var result = await grain.DefineAsync(Definition(now));
        if (!result.IsSuccess)
        {
            logger.LogError("Seeding the demo event failed: {Code} {Message}", result.Code, result.Message);
            return;
        }

        await grain.OpenSaleAsync();
        await client.GetGrain<IWaitingQueueGrain>(EventId).ConfigureAsync(QueueSettings.Default with { AdmissionsPerSecond = 20, MaxActiveShoppers = 500 });
    }

    public static EventDefinition Definition(DateTimeOffset now)
    {
        var blocks = Enumerable.Range(1, 6).Select(b => new BlockDefinition(
            $"S{b}", $"Section {b}", BlockKind.Reserved,
            [.. Enumerable.Range(0, 20).Select(r => new RowDefinition(((char)('A' + r)).ToString(), [
                new SeatRun(5, r < 5 ? "R" : "S"), new SeatRun(15, r < 5 ? "VIP" : r < 12 ? "R" : "S"), new SeatRun(5, r < 5 ? "R" : "S")],
                DemoMarks(r)))],
            [])).ToList();
        blocks.Add(BlockDefinition.GeneralAdmission("FLOOR", "Standing floor", new AreaCapacity("GA", 1_000)));
        return new EventDefinition(
            "TIKETI Live: Opening Night", "The Demo Band", "Seoul Olympic Hall",
            now.AddDays(30), now.AddMinutes(-1), now.AddDays(29),
            [new PriceCategory("VIP", "VIP", 198_000), new PriceCategory("R", "R", 154_000), new PriceCategory("S", "S", 121_000), new PriceCategory("GA", "Standing", 99_000)],
            [.. blocks], PerBuyerLimit: 4, HoldDuration: TimeSpan.FromMinutes(7), QueueEnabled: true,
            TimeZone: EventDefinition.DefaultTimeZone,
            Details: new EventDetails("The demo sale of the embedded host: six seated sections around a standing floor.", null, "all", 150),
            Placements: [
                new BlockPlacement("S1", VenueArea.FrontLeft), new BlockPlacement("S2", VenueArea.Left),
                new BlockPlacement("S3", VenueArea.Back, 0), new BlockPlacement("S4", VenueArea.Back, 1),
                new BlockPlacement("S5", VenueArea.Right), new BlockPlacement("S6", VenueArea.FrontRight),
                new BlockPlacement("FLOOR", VenueArea.Floor)]);
    }

    /// <summary>Aisles between the side and centre seats of every row; the back row has a wheelchair space with its companion at each end.</summary>
    private static SeatMarks DemoMarks(int row) => new(
        [5, 20],
        [],
        row == 19 ? [new WheelchairSpace(1, 2), new WheelchairSpace(25, 24)] : []);
}
