using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Seating;

/// <summary>
/// A journal in a list that keeps the contract (sequence numbers, conflicts) and remembers every append and
/// snapshot it was given, with its size, so tests can count what a block writes.
/// </summary>
public sealed class RecordingJournal : IGrainJournal
{
    private readonly List<byte[]> _records = [];
    private long _snapshotSequence;
    private byte[]? _snapshot;

    public List<int> Appends { get; } = [];

    public List<int> Snapshots { get; } = [];

    /// <summary>Bytes of the records stored after the snapshot: what a load replays.</summary>
    public long StoredRecordBytes => _records.Sum(r => (long)r.Length);

    public int SnapshotBytes => _snapshot?.Length ?? 0;

    public byte[] LastAppend { get; private set; } = [];

    public Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var records = _records.Select((r, i) => new JournalRecord(_snapshotSequence + i, r.ToArray())).ToList();
        var snapshot = _snapshot is null ? default(ReadOnlyMemory<byte>?) : _snapshot.ToArray();
        return Task.FromResult(new JournalContents(_snapshotSequence, snapshot, records));
    }

    public Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        if (sequence != _snapshotSequence + _records.Count)
        {
            throw new JournalConflictException(journalId, sequence);
        }

        LastAppend = record.ToArray();
        _records.Add(LastAppend);
        Appends.Add(record.Length);
        return Task.CompletedTask;
    }

    public Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        if (sequence < _snapshotSequence || sequence > _snapshotSequence + _records.Count)
        {
            throw new JournalConflictException(journalId, sequence);
        }

        _records.RemoveRange(0, (int)(sequence - _snapshotSequence));
        _snapshotSequence = sequence;
        _snapshot = snapshot.ToArray();
        Snapshots.Add(snapshot.Length);
        return Task.CompletedTask;
    }

    public Task ClearAsync(string journalId, CancellationToken cancellationToken = default)
    {
        _records.Clear();
        (_snapshotSequence, _snapshot) = (0, null);
        return Task.CompletedTask;
    }
}
