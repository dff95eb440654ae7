using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Tiketi.Api.Events;
using Tiketi.Api.Live;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Benchmarks;

/// <summary>
/// A 1,000-seat block's snapshot and a 4-seat delta, encoded the ways they travel: Orleans' binary
/// serializer (grain → API host, and the seat stream) and the API's JSON (GET /seats, SignalR pushes).
/// </summary>
[MemoryDiagnoser]
public class EncodingBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private Serializer _serializer = null!;
    private SeatMapSnapshot _snapshot = null!;
    private SeatDelta _delta = null!;
    private byte[] _snapshotBytes = [];
    private byte[] _deltaBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SeatMapSnapshot).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var grid = Blocks.Grid();
        _snapshot = Blocks.Snapshot(Blocks.Filled(grid, 0.5));
        _delta = new SeatDelta("ev-benchmark", "B1", 1235, [.. Enumerable.Range(500, 4).Select(s => new SeatChange(s, SeatStatus.Held))], _snapshot.Counts);
        _snapshotBytes = _serializer.SerializeToArray(_snapshot);
        _deltaBytes = _serializer.SerializeToArray(_delta);
        Console.WriteLine($"// sizes: snapshot binary {_snapshotBytes.Length} B, JSON {SnapshotJson().Length} B; delta binary {_deltaBytes.Length} B, JSON {DeltaJson().Length} B");
    }

    [Benchmark]
    public byte[] SnapshotBinary() => _serializer.SerializeToArray(_snapshot);

    [Benchmark]
    public SeatMapSnapshot SnapshotBinaryRead() => _serializer.Deserialize<SeatMapSnapshot>(_snapshotBytes)!;

    /// <summary>GET /api/events/{id}/seats, per block: one digit per seat.</summary>
    [Benchmark]
    public byte[] SnapshotJson() => JsonSerializer.SerializeToUtf8Bytes(_snapshot.ToDto(), Web);

    [Benchmark]
    public byte[] DeltaBinary() => _serializer.SerializeToArray(_delta);

    [Benchmark]
    public SeatDelta DeltaBinaryRead() => _serializer.Deserialize<SeatDelta>(_deltaBytes)!;

    /// <summary>The SignalR "SeatDelta" push's payload.</summary>
    [Benchmark]
    public byte[] DeltaJson() => JsonSerializer.SerializeToUtf8Bytes(_delta.ToDto(), Web);

    /// <summary>The seats of a snapshot back from the API's digits, as a browser (or the load tool) does.</summary>
    [Benchmark]
    public ImmutableArray<byte> SnapshotDigitsDecode()
    {
        var digits = _snapshot.ToDto().Seats;
        var seats = ImmutableArray.CreateBuilder<byte>(digits.Length);
        foreach (var digit in digits)
        {
            seats.Add((byte)(digit - '0'));
        }

        return seats.MoveToImmutable();
    }
}
