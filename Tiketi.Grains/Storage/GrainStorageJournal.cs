using System.Collections.Concurrent;
using Orleans.Storage;

namespace Tiketi.Storage;

/// <summary>
/// A durable journal over any Orleans grain-storage provider: one stored row per journal holding its snapshot
/// and records, written with the row's ETag so a second writer is refused. It keeps a PostgreSQL silo's journals
/// (seat blocks) durable where no journal of its own is registered; each append rewrites the row, so a write
/// costs O(journal), which the writers' snapshot cadence keeps near their state's size. A journal store that
/// appends one row per record (with group commit) replaces it by registering its own <see cref="IGrainJournal"/>.
/// </summary>
public sealed class GrainStorageJournal(IGrainStorage storage) : IGrainJournal
{
    private const string StateName = "journal";

    // The row each journal was last read or written as (with its ETag), so an append needs no read first.
    // Only the journal's own grain writes it, one write at a time.
    private readonly ConcurrentDictionary<string, GrainState<StoredJournal>> _rows = new(StringComparer.Ordinal);

    public async Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(journalId);
        var stored = row.State!;
        var records = new JournalRecord[stored.Records.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new JournalRecord(stored.SnapshotSequence + i, stored.Records[i]);
        }

        var snapshot = stored.Snapshot is null ? default(ReadOnlyMemory<byte>?) : stored.Snapshot;
        return new JournalContents(stored.SnapshotSequence, snapshot, records);
    }

    public async Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        var row = _rows.TryGetValue(journalId, out var known) ? known : await ReadAsync(journalId);
        var stored = row.State!;
        if (sequence != stored.SnapshotSequence + stored.Records.Count)
        {
            throw new JournalConflictException(journalId, sequence);
        }

        await WriteAsync(journalId, row, new StoredJournal { SnapshotSequence = stored.SnapshotSequence, Snapshot = stored.Snapshot, Records = [.. stored.Records, record.ToArray()] }, sequence);
    }

    public async Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        var row = _rows.TryGetValue(journalId, out var known) ? known : await ReadAsync(journalId);
        var stored = row.State!;
        if (sequence < stored.SnapshotSequence || sequence > stored.SnapshotSequence + stored.Records.Count)
        {
            throw new JournalConflictException(journalId, sequence);
        }

        var kept = stored.Records.Skip((int)(sequence - stored.SnapshotSequence)).ToList();
        await WriteAsync(journalId, row, new StoredJournal { SnapshotSequence = sequence, Snapshot = snapshot.ToArray(), Records = kept }, sequence);
    }

    public async Task ClearAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var row = _rows.TryGetValue(journalId, out var known) ? known : await ReadAsync(journalId);
        await storage.ClearStateAsync(StateName, GrainIdOf(journalId), row);
        _rows.TryRemove(journalId, out _);
    }

    private async Task<GrainState<StoredJournal>> ReadAsync(string journalId)
    {
        var row = new GrainState<StoredJournal>(new StoredJournal());
        await storage.ReadStateAsync(StateName, GrainIdOf(journalId), row);
        row.State ??= new StoredJournal();
        _rows[journalId] = row;
        return row;
    }

    private async Task WriteAsync(string journalId, GrainState<StoredJournal> row, StoredJournal next, long sequence)
    {
        var previous = row.State;
        row.State = next;
        try
        {
            await storage.WriteStateAsync(StateName, GrainIdOf(journalId), row);
        }
        catch (InconsistentStateException exception)
        {
            row.State = previous;
            _rows.TryRemove(journalId, out _);
            throw new JournalConflictException($"Journal '{journalId}' was written by another activation (at {sequence}).", exception);
        }
        catch
        {
            // Unknown whether it landed: the next use reads the row again.
            row.State = previous;
            _rows.TryRemove(journalId, out _);
            throw;
        }
    }

    private static GrainId GrainIdOf(string journalId) => GrainId.Create("tiketi-journal", journalId);
}
