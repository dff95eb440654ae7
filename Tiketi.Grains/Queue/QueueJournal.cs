using Tiketi.Storage;

namespace Tiketi.Queue;

/// <summary>
/// Keeps a queue in its grain journal (<see cref="IGrainJournal"/>, id <c>queue/{eventId}</c>): each write
/// appends one record holding the changes of every command since the last (a batch of joins costs its
/// places, never the queue), and now and then a snapshot replaces the records so far. A snapshot is taken
/// when the records hold at least as many bytes of changes other than joins (admissions, touches, leaves)
/// as the snapshot would weigh, or when there are many small records: it costs O(queue), so it is paid
/// for by at least as many bytes of records, O(1) per command amortized. Joins alone never call for one,
/// since their records are as compact as a snapshot of them.
/// </summary>
internal sealed class QueueJournal
{
    /// <summary>A snapshot is never due before this many bytes of churn: small queues keep their records.</summary>
    public const int MinChurnForSnapshot = 1 << 20;

    /// <summary>Records before a snapshot is due whatever their content (each costs a row to load).</summary>
    public const int MinRecordsForSnapshot = 10_000;

    private readonly IGrainJournal _journal;
    private readonly string _id;
    private long _next;
    private long _snapshotBytes;
    private long _joinBytesSince;
    private long _churnSince;
    private long _recordsSince;

    private QueueJournal(IGrainJournal journal, string id, long next, long snapshotBytes, long recordBytes, long records)
    {
        (_journal, _id, _next, _snapshotBytes, _joinBytesSince, _recordsSince) = (journal, id, next, snapshotBytes, recordBytes, records);
    }

    /// <summary>Bytes appended and snapshotted by this activation (for the benchmarks and the tests).</summary>
    public long BytesWritten { get; private set; }

    public static string IdOf(string eventId) => $"queue/{eventId}";

    /// <summary>
    /// Loads the queue of <paramref name="eventId"/>. A queue an earlier build stored whole in grain state
    /// (<paramref name="legacy"/>, when the journal is empty) is carried over into a snapshot first.
    /// </summary>
    public static async Task<(QueueLine Line, QueueJournal Journal)> LoadAsync(
        IGrainJournal journal, string eventId, WaitingQueueState? legacy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var id = IdOf(eventId);
        var contents = await journal.LoadAsync(id, cancellationToken);
        if (contents.Snapshot is null && contents.Records.Count == 0 && legacy is not null)
        {
            var imported = LegacyQueueImport.From(legacy);
            var snapshot = QueueSnapshot.Write(imported);
            await journal.SnapshotAsync(id, contents.NextSequence, snapshot, cancellationToken);
            return (imported, new QueueJournal(journal, id, contents.NextSequence, snapshot.Length, 0, 0));
        }

        var line = QueueReplay.Load(contents.Snapshot, contents.Records.Select(r => r.Payload));
        var recordBytes = contents.Records.Sum(r => (long)r.Payload.Length);
        return (line, new QueueJournal(journal, id, contents.NextSequence, contents.Snapshot?.Length ?? 0, recordBytes, contents.Records.Count));
    }

    /// <summary>
    /// Appends what changed since the last write, then takes a snapshot if one is due. Both are taken from
    /// the queue synchronously, before the first await: later commands may change it meanwhile.
    /// </summary>
    public async Task WriteAsync(QueueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Changes.HasChanges)
        {
            return;
        }

        var churn = line.Changes.ChurnBytes;
        var record = line.Changes.Take();
        _churnSince += churn;
        _joinBytesSince += record.Length - churn;
        _recordsSince++;
        var estimate = _snapshotBytes + _joinBytesSince;
        var snapshot = _churnSince >= Math.Max(MinChurnForSnapshot, estimate) || _recordsSince >= Math.Max(MinRecordsForSnapshot, estimate / 64)
            ? QueueSnapshot.Write(line)
            : null;

        await _journal.AppendAsync(_id, _next, record);
        _next++;
        BytesWritten += record.Length;
        if (snapshot is not null)
        {
            await _journal.SnapshotAsync(_id, _next, snapshot);
            BytesWritten += snapshot.Length;
            (_snapshotBytes, _joinBytesSince, _churnSince, _recordsSince) = (snapshot.Length, 0, 0, 0);
        }
    }
}
