using Tiketi.Storage;

namespace Tiketi.Silo.Storage;

/// <summary>
/// The grain journal on PostgreSQL, through the same committers as grain state: appends, snapshots and
/// clears of many journals (and state writes of many grains) share one transaction, and each completes
/// only once it has committed. A journal loads in one statement, records read in binary into a few
/// large buffers (<see cref="PayloadArena"/>).
/// </summary>
/// <remarks>
/// A journal is loaded through its committer like everything else, so a load always sees the appends
/// queued before it; a very large journal (a million-place queue) holds its committer for the time of
/// the load (see docs/benchmarks.md for what that costs).
/// </remarks>
public sealed class PostgresGrainJournal(StorageCommitter committer) : IGrainJournal
{
    public async Task<JournalContents> LoadAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var load = new LoadJournalOperation(journalId, cancellationToken);
        await committer.SubmitAsync(load);
        return load.Contents;
    }

    public async Task AppendAsync(string journalId, long sequence, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        // A copy: the caller may reuse its buffer as soon as this returns a task.
        var append = new AppendJournalOperation(journalId, sequence, record.ToArray(), cancellationToken);
        await committer.SubmitAsync(append);
        if (!append.Appended)
        {
            throw new JournalConflictException(journalId, sequence);
        }
    }

    public async Task SnapshotAsync(string journalId, long sequence, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        var store = new SnapshotJournalOperation(journalId, sequence, snapshot.ToArray(), cancellationToken);
        await committer.SubmitAsync(store);
        if (!store.Stored)
        {
            throw new JournalConflictException(
                $"Journal '{journalId}' cannot take a snapshot at {sequence}: a newer snapshot exists or the journal ends before it.");
        }
    }

    public Task ClearAsync(string journalId, CancellationToken cancellationToken = default) =>
        committer.SubmitAsync(new ClearJournalOperation(journalId, cancellationToken));
}
