using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tiketi.Queue;

namespace Tiketi.Benchmarks;

/// <summary>
/// The waiting queue's rules (<see cref="QueueLine"/>) with 100,000 and 1,000,000 buyers waiting:
/// a join and a position read. In-memory costs only; the grain also appends each batch's changes to
/// its journal (a few bytes a join, see <c>--memory</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 4096)]
public class QueueBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
    private QueueLine _line = null!;
    private string[] _ids = [];
    private long _next;

    [Params(100_000, 1_000_000)]
    public int Waiting { get; set; }

    /// <summary>Buyers already admitted: they shop while the rest wait.</summary>
    [Params(0, 10_000)]
    public int Admitted { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ids = [.. Enumerable.Range(0, Waiting + Admitted).Select(i => $"{Guid.NewGuid():N}")];
        _line = new QueueLine(QueueSettings.Default with { AdmissionsPerSecond = Math.Max(Admitted, 1), MaxActiveShoppers = int.MaxValue });
        foreach (var id in _ids)
        {
            _line.Join(id, Start);
        }

        _line.Admit(Start);
        _line.Admit(Start.AddSeconds(1));
        _line.Configure(_line.Settings with { AdmissionsPerSecond = 100 });
        _line.Changes.Take();
    }

    /// <summary>A new buyer joins the back of the queue (the line grows by one per call).</summary>
    [Benchmark]
    public long Join() => _line.Join($"new-{_next++}", Start.AddSeconds(1)).Value!.Position;

    /// <summary>A waiting buyer in the middle asks for their position.</summary>
    [Benchmark]
    public long Position() => _line.Status(_ids[Admitted + (Waiting / 2)], Start.AddSeconds(1)).Position;

    [IterationCleanup]
    public void DropRecord() => _line.Changes.Take();
}

/// <summary>
/// The admission tick with 100,000 or 1,000,000 waiting and up to 100,000 admitted: one second passes
/// and 10 are admitted. Expiry is a heap by idle time, so the tick does not grow with those admitted.
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
        _line = new QueueLine(QueueSettings.Default with { AdmissionsPerSecond = Math.Max(Admitted, 1), MaxActiveShoppers = int.MaxValue });
        _now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Waiting + Admitted; i++)
        {
            _line.Join($"{Guid.NewGuid():N}", _now);
        }

        _line.Admit(_now);
        _now = _now.AddSeconds(1);
        _line.Admit(_now);
        _line.Configure(_line.Settings with { AdmissionsPerSecond = 10 });
        _line.Changes.Take();
    }

    [Benchmark]
    public int Admit()
    {
        _now = _now.AddSeconds(1);
        return _line.Admit(_now).Count;
    }
}

/// <summary>What a grain activation pays to rebuild its queue from the journal: all records, or one snapshot.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class QueueActivationBenchmarks
{
    private List<ReadOnlyMemory<byte>> _records = [];
    private byte[] _snapshot = [];

    [Params(100_000, 1_000_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var line = new QueueLine();
        var now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Waiting; i++)
        {
            line.Join($"{Guid.NewGuid():N}", now);
            if (i % 1_000 == 999)
            {
                _records.Add(line.Changes.Take());
            }
        }

        _records.Add(line.Changes.Take());
        _snapshot = QueueSnapshot.Write(line);
    }

    [Benchmark]
    public long FromRecords() => QueueReplay.Load(null, _records).Waiting;

    [Benchmark]
    public long FromSnapshot() => QueueReplay.Load(_snapshot, []).Waiting;
}
