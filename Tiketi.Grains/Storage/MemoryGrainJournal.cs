namespace Tiketi.Storage;

/// <summary>The journal of the in-memory hosts (the embedded default, in-process tests): one <see cref="MemoryJournalGrain"/> per journal.</summary>
public sealed class MemoryGrainJournal(IGrainFactory grains) : IGrainJournal
{
    public async Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var stored = await Journal(journalId).LoadAsync();
        var records = new JournalRecord[stored.Records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new JournalRecord(stored.SnapshotSequence + i, stored.Records[i]);
        }

        // Said apart from the bytes: a null array arrives from the grain as an empty one (and a bare null
        // would convert to an empty memory through byte[], not to "no snapshot").
        var snapshot = stored.HasSnapshot ? new ReadOnlyMemory<byte>(stored.Snapshot) : default(ReadOnlyMemory<byte>?);
        return new JournalContents(stored.SnapshotSequence, snapshot, records);
    }

    public Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        Journal(journalId).AppendAsync(sequence, record.ToArray());

    public Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default) =>
        Journal(journalId).SnapshotAsync(sequence, snapshot.ToArray());

    public Task ClearAsync(string journalId, CancellationToken cancellationToken = default) => Journal(journalId).ClearAsync();

    private IMemoryJournalGrain Journal(string journalId) => grains.GetGrain<IMemoryJournalGrain>(journalId);
}
