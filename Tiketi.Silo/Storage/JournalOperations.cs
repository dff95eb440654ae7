using Npgsql;
using Tiketi.Storage;

namespace Tiketi.Silo.Storage;

/// <summary>Reads a journal: its snapshot and every record after it.</summary>
internal sealed class LoadJournalOperation(string journalId, CancellationToken cancellationToken)
    : StorageOperation(journalId, cancellationToken)
{
    public JournalContents Contents { get; private set; } = JournalContents.Empty;

    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(StorageSql.LoadJournal, Text(serviceId), Text(Key)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken)
    {
        var records = new List<JournalRecord>();
        var arena = new PayloadArena();
        ReadOnlyMemory<byte>? snapshot = null;
        long snapshotSequence = 0;
        var ordered = true;
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(1);
            if (reader.GetBoolean(0))
            {
                snapshotSequence = sequence;
                snapshot = reader.GetFieldValue<byte[]>(2);
                continue;
            }

            ordered &= records.Count == 0 || records[^1].Sequence < sequence;
            records.Add(new JournalRecord(sequence, arena.Copy(reader, 2)));
        }

        // The statement asks for the order; the check keeps the contract should a plan ever not keep it.
        if (!ordered)
        {
            records.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        Contents = new JournalContents(snapshotSequence, snapshot, records);
    }
}

/// <summary>Appends one record; <see cref="Appended"/> is false when its number was taken or out of order.</summary>
internal sealed class AppendJournalOperation(string journalId, long sequence, byte[] record, CancellationToken cancellationToken)
    : StorageOperation(journalId, cancellationToken)
{
    public bool Appended { get; private set; }

    public override int Size => record.Length;

    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(StorageSql.AppendJournal, Text(serviceId), Text(Key), BigInt(sequence), Bytes(record)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken) =>
        Appended = await reader.ReadAsync(cancellationToken);
}

/// <summary>Stores a snapshot and drops the records it covers; <see cref="Stored"/> is false when a newer one exists.</summary>
internal sealed class SnapshotJournalOperation(string journalId, long sequence, byte[] snapshot, CancellationToken cancellationToken)
    : StorageOperation(journalId, cancellationToken)
{
    public bool Stored { get; private set; }

    public override int Size => snapshot.Length;

    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(StorageSql.SnapshotJournal, Text(serviceId), Text(Key), BigInt(sequence), Bytes(snapshot)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken) =>
        Stored = await reader.ReadAsync(cancellationToken);
}

/// <summary>Deletes a journal's snapshot and records.</summary>
internal sealed class ClearJournalOperation(string journalId, CancellationToken cancellationToken)
    : StorageOperation(journalId, cancellationToken)
{
    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(StorageSql.ClearJournal, Text(serviceId), Text(Key)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }
}
