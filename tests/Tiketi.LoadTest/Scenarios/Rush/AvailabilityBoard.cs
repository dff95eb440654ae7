using System.Collections.Concurrent;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Targets;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>
/// What the sale page shows every buyer: available and held seats per block, refreshed a few times a
/// second from one reader (as SignalR counts would arrive), and narrowed locally when a hold in a block
/// comes back "not enough seats" so buyers stop trying it before the next refresh.
/// </summary>
public sealed class AvailabilityBoard : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _shortOf = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private IReadOnlyDictionary<string, BlockAvailability> _blocks;

    private AvailabilityBoard(Func<CancellationToken, Task<IReadOnlyDictionary<string, BlockAvailability>?>> read, TimeSpan interval, IReadOnlyDictionary<string, BlockAvailability> first)
    {
        _blocks = first;
        _loop = LoopAsync(read, interval);
    }

    public bool SoldOut { get; private set; }

    /// <summary>Seconds since the board started when it first saw nothing available or held.</summary>
    public double? SoldOutAfterSeconds { get; private set; }

    public int Sold => _blocks.Values.Sum(b => b.Sold);

    public int Held => _blocks.Values.Sum(b => b.Held);

    public int Available => _blocks.Values.Sum(b => b.Available);

    public static async Task<AvailabilityBoard> StartAsync(ISaleTarget target, string eventId, Metrics metrics, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(metrics);
        async Task<IReadOnlyDictionary<string, BlockAvailability>?> ReadAsync(CancellationToken ct)
        {
            var reply = await metrics.TimeAsync("availability", () => target.ReadAvailabilityAsync(eventId, ct), ct);
            return reply.IsOk ? reply.Value : null;
        }

        IReadOnlyDictionary<string, BlockAvailability>? first = null;
        for (var attempt = 0; first is null || first.Count == 0; attempt++)
        {
            // The event learns its blocks' counts from their first reports, a moment after it opens.
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }

            first = await ReadAsync(cancellationToken);
            if (attempt > 100)
            {
                throw new InvalidOperationException("The event never reported its blocks' availability.");
            }
        }

        return new AvailabilityBoard(ReadAsync, interval, first);
    }

    /// <summary>A block with at least <paramref name="quantity"/> seats free, more likely the emptier it is; null when none.</summary>
    public string? Pick(int quantity, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var candidates = _blocks
            .Select(b => (b.Key, Free: Free(b.Key, b.Value)))
            .Where(b => b.Free >= quantity)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var ticket = random.NextInt64(candidates.Sum(c => (long)c.Free));
        foreach (var (block, free) in candidates)
        {
            ticket -= free;
            if (ticket < 0)
            {
                return block;
            }
        }

        return candidates[^1].Key;
    }

    /// <summary>The most seats any one block still offers (after local narrowing).</summary>
    public int MostFree() => _blocks.Count == 0 ? 0 : _blocks.Max(b => Free(b.Key, b.Value));

    /// <summary>A hold of <paramref name="quantity"/> in <paramref name="blockId"/> failed for lack of seats.</summary>
    public void MarkShort(string blockId, int quantity) =>
        _shortOf.AddOrUpdate(blockId, quantity - 1, (_, known) => Math.Min(known, quantity - 1));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private int Free(string blockId, BlockAvailability block) => Math.Min(block.Available, _shortOf.GetValueOrDefault(blockId, int.MaxValue));

    private async Task LoopAsync(Func<CancellationToken, Task<IReadOnlyDictionary<string, BlockAvailability>?>> read, TimeSpan interval)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (await read(_stop.Token) is { Count: > 0 } blocks)
            {
                _blocks = blocks;
                _shortOf.Clear();
                if (!SoldOut && blocks.Values.All(b => b.Available + b.Held == 0))
                {
                    SoldOut = true;
                    SoldOutAfterSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
                }
            }
        }
    }
}
