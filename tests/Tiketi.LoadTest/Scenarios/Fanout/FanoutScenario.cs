using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;
using Tiketi.LoadTest.Targets.Http;

namespace Tiketi.LoadTest.Scenarios.Fanout;

/// <summary>
/// K SignalR connections watch one event while a driver changes seats of one block, one change at a
/// time (hold one seat, release it, ...). Each change is one delta with the block's next version, so
/// delta version v0+i is change i: "delivery" is the time from the start of change i's request to its
/// delta reaching one connection; "fanout" the time until the last connection has it.
/// </summary>
public sealed class FanoutScenario(int connections, int changes, TimeSpan interval, int connectConcurrency, TimeSpan settle) : IScenario
{
    private const string Block = "B1";
    private long _connected;
    private long _changed;

    public string Name => "fanout";

    public static FanoutScenario Create(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (connections, changes) = (line.Count("connections", 1_000), line.Count("changes", 200));
        return connections < 1 || changes < 1
            ? throw new UsageException("--connections and --changes must be positive.")
            : new FanoutScenario(connections, changes, line.Duration("change-interval", TimeSpan.FromMilliseconds(50)),
                line.Count("connect-concurrency", 32), line.Duration("settle", TimeSpan.FromSeconds(5)));
    }

    public string Status() => string.Create(CultureInfo.InvariantCulture, $"connected {Interlocked.Read(ref _connected)} changes {Interlocked.Read(ref _changed)}");

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (target, metrics, report, ct) = (context.Target, context.Metrics, context.Report, context.Cancellation);
        if (target is not HttpSaleTarget http)
        {
            throw new UsageException("fanout measures SignalR: use --target http --url ...");
        }

        var spec = new SaleSpec(1_000, 1, 25, 4, TimeSpan.FromMinutes(7), QueueEnabled: false, 100, 1_000, TimeSpan.FromMinutes(3));
        var eventId = await target.CreateSaleAsync(spec, ct);
        report.Parameters["eventId"] = eventId;
        report.Parameters["connections"] = connections.ToString(CultureInfo.InvariantCulture);
        report.Parameters["changes"] = changes.ToString(CultureInfo.InvariantCulture);
        report.Parameters["changeInterval"] = interval.ToString("c", CultureInfo.InvariantCulture);

        var driver = (await target.SignInAsync($"fan{Guid.NewGuid():N}"[..12], metrics, ct)).Value
            ?? throw new InvalidOperationException("The change driver could not sign in.");
        var firstVersion = ((await target.ReadSeatMapAsync(eventId, ct)).Value ?? []).Single(b => b.BlockId == Block).Version;
        var started = new long[changes + 1];
        var received = new ConcurrentDictionary<long, int>();
        var hubs = new HubConnection?[connections];
        await context.Log.WriteLineAsync($"fanout: opening {connections} connections to {http.BaseAddress}hubs/sale");
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = connectConcurrency, CancellationToken = ct }, async (i, token) =>
        {
            var hub = SaleHubClient.Create(http.BaseAddress);
            hub.On<SeatDeltaDto>("SeatDelta", delta =>
            {
                var change = delta.Version - firstVersion;
                if (delta.BlockId == Block && change >= 1 && change <= changes && Interlocked.Read(ref started[change]) is > 0 and var at)
                {
                    metrics["delivery"].Record(at, OperationStats.Ok);
                    if (received.AddOrUpdate(change, 1, (_, n) => n + 1) == connections)
                    {
                        metrics["fanout"].Record(at, OperationStats.Ok);
                    }
                }
            });
            var opened = await metrics.TimeAsync("connect", async () =>
            {
                await hub.StartAsync(token);
                await hub.InvokeAsync("WatchEvent", eventId, null, token);
                return Reply<bool>.Ok(true);
            }, token);
            if (opened.IsOk)
            {
                hubs[i] = hub;
                Interlocked.Increment(ref _connected);
            }
        });

        string? held = null;
        for (var i = 1; i <= changes; i++)
        {
            Interlocked.Exchange(ref started[i], Stopwatch.GetTimestamp());
            if (held is null)
            {
                var hold = await metrics.TimeAsync("hold", () => driver.HoldAsync(eventId, Block, Tiketi.Seating.HoldSelection.Best(SaleSpec.Category, 1), null, $"fan-{Guid.NewGuid():N}", ct), ct);
                held = hold.Value?.OrderId;
            }
            else
            {
                await metrics.TimeAsync("release", () => http.ReleaseAsync(driver, held, ct), ct);
                held = null;
            }

            Interlocked.Increment(ref _changed);
            await Task.Delay(interval, ct);
        }

        await Task.Delay(settle, ct);
        var open = hubs.Count(h => h is not null);
        var delivered = received.Values.Sum();
        var expected = (long)open * changes;
        report.Figures["connections"] = open;
        report.Figures["deliveries"] = delivered;
        report.Figures["deliveriesLost"] = expected - delivered;
        report.Figures["deliveryLossPercent"] = expected == 0 ? 0 : Math.Round(100.0 * (expected - delivered) / expected, 3);
        report.Figures["changesReachingAll"] = received.Values.Count(n => n >= open);
        await Parallel.ForEachAsync(hubs.OfType<HubConnection>(), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (hub, _) => await hub.DisposeAsync());
    }
}
