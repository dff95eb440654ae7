using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.LoadTest.Invariants;
using Tiketi.LoadTest.Measuring;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.Silo.Clients;

namespace Tiketi.LoadTest.Targets.Orleans;

/// <summary>The cluster straight through an Orleans client: the grains' own contracts, no HTTP in between.</summary>
public sealed class OrleansSaleTarget(string name, IHost host, IClusterClient client, TimeProvider saleClock, TimeSpan holdGrace, bool coalesce = true) : ISaleTarget
{
    /// <summary>Joins and position reads share grain calls, as the API host's do; null with --coalesce off.</summary>
    private readonly QueueCallCoalescer? _coalescer = coalesce ? new QueueCallCoalescer(client) : null;

    private readonly ConcurrentDictionary<string, string[]> _blocks = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public IClusterClient Client { get; } = client;

    public TimeProvider SaleClock { get; } = saleClock;

    public TimeSpan HoldGrace { get; } = holdGrace;

    /// <summary>The calls and writes of an in-process silo run with <c>--count-costs</c>; null otherwise.</summary>
    public GrainCostCounter? Costs { get; init; }

    /// <summary>What the client's retry filter did (a client of a cluster only; the in-process silo has nothing to fail over to).</summary>
    public ClientRetryCounts? Retries { get; init; }

    public ISaleStateReader StateReader => new OrleansSaleStateReader(Client, SaleClock);

    public async Task<string> CreateSaleAsync(SaleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var eventId = $"lt-{SaleClock.GetUtcNow():MMddHHmmss}-{Guid.NewGuid():N}"[..28];
        var grain = Client.GetGrain<IEventGrain>(eventId);
        var definition = SaleDefinitions.Build(spec, SaleClock.GetUtcNow());
        var defined = await SetupAsync(() => grain.DefineAsync(definition));
        if (!defined.IsSuccess)
        {
            throw new InvalidOperationException($"Defining the event failed: {defined.Code} {defined.Message}");
        }

        var opened = await SetupAsync(grain.OpenSaleAsync);
        if (!opened.IsSuccess && (await grain.GetAsync())?.Status != EventStatus.OnSale)
        {
            throw new InvalidOperationException($"Opening the sale failed: {opened.Code} {opened.Message}");
        }

        await SetupAsync(async () =>
        {
            await Client.GetGrain<IWaitingQueueGrain>(eventId).ConfigureAsync(SaleDefinitions.Queue(spec));
            return true;
        });
        return eventId;
    }

    /// <summary>
    /// Setting up the sale is not what a run measures: a call that timed out (a first activation on a
    /// starved host can take longer than the client's response timeout) is sent again, a few times. Defining
    /// a draft, opening a sale and configuring a queue may be repeated.
    /// </summary>
    private static async Task<T> SetupAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    public Task<Reply<IBuyerSession>> SignInAsync(string buyerId, Metrics metrics, CancellationToken cancellationToken) =>
        Task.FromResult(Reply<IBuyerSession>.Ok(new OrleansBuyerSession(Client, buyerId, _coalescer)));

    public async Task<Reply<IReadOnlyList<SeatMapSnapshot>>> ReadSeatMapAsync(string eventId, CancellationToken cancellationToken)
    {
        var blocks = await BlockIdsAsync(eventId);
        var snapshots = await Task.WhenAll(blocks.Select(b => Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b)).GetSnapshotAsync()));
        return Reply<IReadOnlyList<SeatMapSnapshot>>.Ok(snapshots);
    }

    public async Task<Reply<IReadOnlyDictionary<string, BlockAvailability>>> ReadAvailabilityAsync(string eventId, CancellationToken cancellationToken)
    {
        var summary = await Client.GetGrain<IEventGrain>(eventId).GetSummaryAsync();
        return summary is null
            ? Reply<IReadOnlyDictionary<string, BlockAvailability>>.Fail(Reasons.EventNotFound)
            : Reply<IReadOnlyDictionary<string, BlockAvailability>>.Ok(
                summary.ByBlock.ToDictionary(b => b.Key, b => new BlockAvailability(b.Value.Available, b.Value.Held, b.Value.Sold), StringComparer.Ordinal));
    }

    public async Task<AdmissionWatch?> WatchQueueAsync(string eventId, CancellationToken cancellationToken)
    {
        StreamSubscriptionHandle<QueueProgress>? handle = null;
        var watch = new AdmissionWatch(async () =>
        {
            if (handle is not null)
            {
                await handle.UnsubscribeAsync();
            }
        });
        var stream = Client.GetStreamProvider(SaleStreams.Provider).GetStream<QueueProgress>(StreamId.Create(SaleStreams.Queue, eventId));
        handle = await stream.SubscribeAsync((progress, _) =>
        {
            watch.Update(progress.AdmittedUpTo, progress.SoldOut);
            return Task.CompletedTask;
        });
        var info = await Client.GetGrain<IWaitingQueueGrain>(eventId).GetInfoAsync();
        watch.Update(info.AdmittedTotal, info.SoldOut);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        ShutdownLogs.Quiet = true;
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            host.Dispose();
        }
    }

    private async Task<string[]> BlockIdsAsync(string eventId)
    {
        if (_blocks.TryGetValue(eventId, out var known))
        {
            return known;
        }

        var info = await Client.GetGrain<IEventGrain>(eventId).GetAsync()
            ?? throw new InvalidOperationException($"Event {eventId} does not exist.");
        return _blocks[eventId] = [.. info.Definition.Blocks.Select(b => b.Id)];
    }
}
