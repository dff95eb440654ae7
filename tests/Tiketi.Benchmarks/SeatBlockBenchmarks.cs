using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Tiketi.Events;
using Tiketi.Seating;
using Tiketi.Storage;

namespace Tiketi.Benchmarks;

/// <summary>
/// A seat block's own work per command, without Orleans: a cycle is hold (best available, 2 seats), confirm,
/// and handing the sale back, in a block half sold; every <see cref="Batch"/> cycles the batch is sealed and
/// its journal record encoded (with a snapshot when one is due), as the grain's batched write does. Storage
/// is a journal that keeps nothing, so the figure is the block's CPU, the ceiling the grain's turns run under.
/// </summary>
[MemoryDiagnoser]
public class SeatBlockBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
    private SeatBlockState _state = null!;
    private SeatInventory _inventory = null!;
    private BlockJournal _journal = null!;
    private string[] _holdIds = [];
    private long _cycle;

    /// <summary>Seats of the block: 1,000 (40 rows of 25) or 5,000 (100 rows of 50), the largest allowed.</summary>
    [Params(1_000, 5_000)]
    public int Seats { get; set; }

    /// <summary>Cycles (of three commands) per write: 1, or a rush's batch.</summary>
    [Params(1, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (rows, perRow) = Seats == 1_000 ? (40, 25) : (100, 50);
        var block = BlockDefinition.Reserved("B1", "Block 1", [.. Enumerable.Range(0, rows).Select(r => RowDefinition.Of($"R{r + 1}", perRow, "std"))]);
        var codec = new BlockRecordCodec(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<BlockDefinition>>());
        _journal = new BlockJournal(new DiscardingJournal(), "block/ev/B1", codec, NullLogger.Instance);
        _state = new SeatBlockState();
        _inventory = new SeatInventory(_state);
        _inventory.Configure(block, ["std"]);
        for (var i = 0; i < Seats / 4; i++)
        {
            var id = $"prefill-{i:D6}";
            _inventory.Hold(new HoldCommand(id, "early", HoldSelection.Best("std", 2), Now.AddMinutes(7)), Now);
            _inventory.Confirm(id, Now);
        }

        Write();
        _holdIds = [.. Enumerable.Range(0, 1 << 16).Select(i => $"order-{i:D10}")];
    }

    [Benchmark(Description = "hold + confirm + return")]
    public void Cycle()
    {
        var holdId = _holdIds[_cycle & 0xFFFF];
        _inventory.Hold(new HoldCommand(holdId, "buyer", HoldSelection.Best("std", 2), Now.AddMinutes(7)), Now);
        _inventory.Confirm(holdId, Now);
        _inventory.ReturnSold(holdId);
        if (++_cycle % Batch == 0)
        {
            Write();
        }
    }

    private void Write()
    {
        _inventory.SealBatch(Now);
        _journal.WriteAsync(_state, _inventory.Changes).GetAwaiter().GetResult();
    }

    /// <summary>Accepts every append and snapshot at once and keeps nothing.</summary>
    private sealed class DiscardingJournal : IGrainJournal
    {
        public Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default) => Task.FromResult(JournalContents.Empty);

        public Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ClearAsync(string journalId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
