using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tiketi.Queue;

namespace Tiketi.Benchmarks;

/// <summary>
/// The waiting queue's rules (<see cref="QueueLine"/>) with 100,000 and 1,000,000 buyers waiting:
/// a join, a position read, an admission tick admitting 100, and rebuilding the line on activation.
/// These are the in-memory costs only; the grain also writes its whole state after every change.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 4096)]
public class QueueBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
    private WaitingQueueState _state = null!;
    private QueueLine _line = null!;
    private string[] _ids = [];
    private long _next;
    private DateTimeOffset _now;

    [Params(100_000, 1_000_000)]
    public int Waiting { get; set; }

    /// <summary>Buyers already admitted: every call runs the admission tick, which looks at each of them.</summary>
    [Params(0, 10_000)]
    public int Admitted { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = new WaitingQueueState { Settings = QueueSettings.Default with { AdmissionsPerSecond = 100, MaxActiveShoppers = int.MaxValue } };
        _ids = [.. Enumerable.Range(0, Waiting + Admitted).Select(i => $"{Guid.NewGuid():N}")];
        _line = new QueueLine(_state);
        _now = Start;
        foreach (var id in _ids)
        {
            _line.Join(id, _now);
        }

        // Admit the first ones: they shop while the rest wait.
        _state.Settings = _state.Settings with { AdmissionsPerSecond = Math.Max(Admitted, 1) };
        _line.Admit(_now);
        _now = _now.AddSeconds(1);
        _line.Admit(_now);
        _state.Settings = _state.Settings with { AdmissionsPerSecond = 100 };
    }

    /// <summary>A new buyer joins the back of the queue (the line grows by one per call).</summary>
    [Benchmark]
    public long Join() => _line.Join($"new-{_next++}", _now).Value!.Position;

    /// <summary>A waiting buyer in the middle asks for their position.</summary>
    [Benchmark]
    public long Position() => _line.Status(_ids[Admitted + (Waiting / 2)], _now).Position;

}

/// <summary>
/// The admission tick with 100,000 or 1,000,000 waiting: one second passes and 10 are admitted. The
/// tick first looks at every admitted buyer for expiry, so its cost grows with those admitted so far.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 256)]
public class QueueAdmitBenchmarks
{
    private QueueLine _line = null!;
    private DateTimeOffset _now;

    [Params(100_000, 1_000_000)]
    public int Waiting { get; set; }

    [Params(0, 10_000, 100_000)]
    public int Admitted { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var state = new WaitingQueueState { Settings = QueueSettings.Default with { AdmissionsPerSecond = Math.Max(Admitted, 1), MaxActiveShoppers = int.MaxValue } };
        _line = new QueueLine(state);
        _now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Waiting + Admitted; i++)
        {
            _line.Join($"{Guid.NewGuid():N}", _now);
        }

        _line.Admit(_now);
        _now = _now.AddSeconds(1);
        _line.Admit(_now);
        state.Settings = state.Settings with { AdmissionsPerSecond = 10 };
    }

    [Benchmark]
    public int Admit()
    {
        _now = _now.AddSeconds(1);
        return _line.Admit(_now).Count;
    }
}

/// <summary>What a grain activation pays to rebuild its indexes from the stored state.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class QueueActivationBenchmarks
{
    private WaitingQueueState _state = null!;

    [Params(100_000, 1_000_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = new WaitingQueueState();
        var line = new QueueLine(_state);
        var now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Waiting; i++)
        {
            line.Join($"{Guid.NewGuid():N}", now);
        }
    }

    [Benchmark]
    public long Activate() => new QueueLine(_state).Waiting;
}
