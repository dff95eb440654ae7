using System.Collections.Immutable;

namespace Tiketi.Storage;

/// <summary>
/// One journal kept in memory (see <see cref="IMemoryJournalGrain"/>). Every method is synchronous, so calls
/// never interleave. Kept alive, as Orleans' own memory storage grain is: collected after its idle time,
/// the journal would be lost while its owner sleeps.
/// </summary>
[KeepAlive]
public sealed class MemoryJournalGrain : Grain, IMemoryJournalGrain
{
    private readonly List<byte[]> _records = [];
    private long _snapshotSequence;
    private byte[]? _snapshot;

    private long NextSequence => _snapshotSequence + _records.Count;

    public Task<MemoryJournalContents> LoadAsync() =>
        Task.FromResult(new MemoryJournalContents(_snapshotSequence, _snapshot, [.. _records], _snapshot is not null));

    public Task AppendAsync(long sequence, byte[] record)
    {
        if (sequence != NextSequence)
        {
            throw new JournalConflictException(this.GetPrimaryKeyString(), sequence);
        }

        _records.Add(record);
        return Task.CompletedTask;
    }

    public Task SnapshotAsync(long sequence, byte[] snapshot)
    {
        if (sequence < _snapshotSequence || sequence > NextSequence)
        {
            throw new JournalConflictException(this.GetPrimaryKeyString(), sequence);
        }

        _records.RemoveRange(0, (int)(sequence - _snapshotSequence));
        _snapshotSequence = sequence;
        _snapshot = snapshot;
        return Task.CompletedTask;
    }

    public Task ClearAsync()
    {
        _records.Clear();
        _snapshotSequence = 0;
        _snapshot = null;
        return Task.CompletedTask;
    }
}
