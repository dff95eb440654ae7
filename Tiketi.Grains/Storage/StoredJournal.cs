namespace Tiketi.Storage;

/// <summary>One journal as <see cref="GrainStorageJournal"/> stores it: the snapshot and the records after it.</summary>
[GenerateSerializer, Alias("tiketi.StoredJournal")]
public sealed class StoredJournal
{
    [Id(0)] public long SnapshotSequence { get; set; }

    [Id(1)] public byte[]? Snapshot { get; set; }

    [Id(2)] public List<byte[]> Records { get; set; } = [];
}
