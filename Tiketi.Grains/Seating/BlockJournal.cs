using Microsoft.Extensions.Logging;
using Tiketi.Storage;

namespace Tiketi.Seating;

/// <summary>
/// Reads and writes one block's journal: activation loads the snapshot and replays the records after it;
/// each batched write appends ONE record of what the batch changed; and once the records since the last
/// snapshot outweigh it, a new snapshot replaces them. A snapshot costs O(state), but only after at least as
/// many bytes of records, so writing stays O(change) amortized and a load reads at most about twice the
/// state. A <see cref="JournalConflictException"/> (another activation wrote) propagates: the grain must stop
/// writing and deactivate.
/// </summary>
public sealed partial class BlockJournal(IGrainJournal journal, string journalId, BlockRecordCodec codec, ILogger logger)
{
    /// <summary>Below this many bytes of records, a snapshot is not worth its write.</summary>
    public const int MinSnapshotInterval = 4_096;

    private long _next;
    private long _snapshotBytes;
    private long _recordBytes;

    /// <summary>The journal id of a block: "block/{eventId}/{blockId}".</summary>
    public static string IdOf(string blockKey) => "block/" + blockKey;

    /// <summary>Whether the journal held nothing when loaded (a new block, or one kept in its <see cref="LegacyBlockRow"/>).</summary>
    public bool IsEmpty => _next == 0;

    /// <summary>Bytes of records appended since the last snapshot.</summary>
    public long RecordBytesSinceSnapshot => _recordBytes;

    public async Task<SeatBlockState> LoadAsync(CancellationToken cancellationToken)
    {
        var contents = await journal.LoadAsync(journalId, cancellationToken);
        var state = new SeatBlockState();
        if (contents.Snapshot is { } snapshot)
        {
            codec.Apply(snapshot, state);
        }

        _recordBytes = 0;
        foreach (var record in contents.Records)
        {
            codec.Apply(record.Payload, state);
            _recordBytes += record.Payload.Length;
        }

        _snapshotBytes = contents.Snapshot?.Length ?? 0;
        _next = contents.NextSequence;
        return state;
    }

    /// <summary>Appends the whole block as one record (the snapshot format applies to an empty journal as well): a block moved in from its legacy row.</summary>
    public async Task AppendWholeAsync(SeatBlockState state)
    {
        var record = codec.EncodeSnapshot(state);
        var sequence = _next;
        await journal.AppendAsync(journalId, sequence, record);
        _next = sequence + 1;
        _recordBytes += record.Length;
    }

    /// <summary>
    /// Writes what changed: the record (and a snapshot, when one is due) is encoded before the first await,
    /// so both hold exactly the state of this turn while later commands go on changing it.
    /// </summary>
    public async Task WriteAsync(SeatBlockState state, BlockChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var record = codec.EncodeChanges(state, changes);
        changes.Clear();
        var snapshot = _recordBytes + record.Length > Math.Max(_snapshotBytes, MinSnapshotInterval) ? codec.EncodeSnapshot(state) : null;

        var sequence = _next;
        await journal.AppendAsync(journalId, sequence, record);
        _next = sequence + 1;
        _recordBytes += record.Length;
        if (snapshot is null)
        {
            return;
        }

        try
        {
            await journal.SnapshotAsync(journalId, _next, snapshot);
            (_snapshotBytes, _recordBytes) = (snapshot.Length, 0);
        }
        catch (Exception exception) when (exception is not JournalConflictException)
        {
            // The record is durable; the snapshot only shortens the next load, so it is tried again at the next write.
            LogSnapshotFailed(logger, exception, journalId, _next);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of journal {JournalId} at {Sequence} failed; the records stay and it is tried again")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string journalId, long sequence);
}
