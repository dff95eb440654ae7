using BenchmarkDotNet.Attributes;
using Tiketi.Seating;

namespace Tiketi.Benchmarks;

/// <summary>
/// One best-available decision in a 1,000-seat block, the work a seat block grain does inside its turn
/// on every quantity hold. At high fill no row has N together, so the split path runs.
/// </summary>
[MemoryDiagnoser]
public class BestAvailableBenchmarks
{
    private SeatGrid _grid = null!;
    private SeatStatus[] _states = [];

    [Params(0.0, 0.5, 0.9, 0.98)]
    public double Fill { get; set; }

    [Params(2, 4)]
    public int Quantity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _grid = Blocks.Grid();
        _states = Blocks.Filled(_grid, Fill);
    }

    [Benchmark]
    public int[]? Pick() => BestAvailablePicker.Pick(_grid, _states, 0, Quantity);
}
