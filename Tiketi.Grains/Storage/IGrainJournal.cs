namespace Tiketi.Storage;

/// <summary>
/// An append-only log of records per journal (one or more per grain), stored beside grain state. A hot
/// grain whose commands each change a little of a lot (a seat block's holds, a queue's places) appends
/// a record of what a batch of commands changed, so a write costs O(change) instead of O(state), and
/// now and then replaces the records so far with a snapshot. Orleans' own event-sourcing providers keep
/// the whole log in one grain state (rewritten on every write) or leave storage to the grain, hence this.
/// An append or snapshot is durable when its task completes; a PostgreSQL silo commits the appends and
/// state writes of many grains in one transaction.
/// </summary>
public interface IGrainJournal
{
    /// <summary>The latest snapshot (if any) and every record after it, in sequence order.</summary>
    Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="record"/> as number <paramref name="sequence"/>, which must be
    /// <see cref="JournalContents.NextSequence"/> of the load, then one more per append. Throws
    /// <see cref="JournalConflictException"/> when that number is taken: another activation wrote, so
    /// this one must stop writing (its memory no longer matches storage).
    /// </summary>
    Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="snapshot"/> as standing for every record numbered below
    /// <paramref name="sequence"/>, and deletes those records. Appends continue at
    /// <paramref name="sequence"/>. Throws <see cref="JournalConflictException"/> when a newer snapshot
    /// exists.
    /// </summary>
    Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the journal: snapshot and records.</summary>
    Task ClearAsync(string journalId, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IGrainJournal.LoadAsync"/> found.</summary>
/// <param name="SnapshotSequence">The sequence the snapshot stands for (records below it are in it); 0 without one.</param>
/// <param name="Snapshot">The snapshot's bytes; null when none was taken.</param>
/// <param name="Records">The records from <paramref name="SnapshotSequence"/> on, in order, without gaps.</param>
public sealed record JournalContents(long SnapshotSequence, ReadOnlyMemory<byte>? Snapshot, IReadOnlyList<JournalRecord> Records)
{
    public static JournalContents Empty { get; } = new(0, null, []);

    /// <summary>The number the next append must carry.</summary>
    public long NextSequence => Records.Count == 0 ? SnapshotSequence : Records[^1].Sequence + 1;
}

/// <summary>One appended record.</summary>
public readonly record struct JournalRecord(long Sequence, ReadOnlyMemory<byte> Payload);
