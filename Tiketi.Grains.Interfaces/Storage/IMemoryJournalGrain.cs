using System.Collections.Immutable;

namespace Tiketi.Storage;

/// <summary>
/// Holds one journal in memory for the in-memory hosts (key: journal id). A grain rather than a silo
/// singleton, so a journal stays reachable when its owner reactivates on another silo of a test cluster,
/// as Orleans' memory grain storage does. Nothing survives the process.
/// </summary>
public interface IMemoryJournalGrain : IGrainWithStringKey
{
    Task<MemoryJournalContents> LoadAsync();

    Task AppendAsync(long sequence, byte[] record);

    Task SnapshotAsync(long sequence, byte[] snapshot);

    Task ClearAsync();
}

[GenerateSerializer, Immutable, Alias("tiketi.MemoryJournalContents")]
public sealed record MemoryJournalContents(
    [property: Id(0)] long SnapshotSequence,
    [property: Id(1)] byte[]? Snapshot,
    [property: Id(2)] ImmutableArray<byte[]> Records,
    [property: Id(3)] bool HasSnapshot);
