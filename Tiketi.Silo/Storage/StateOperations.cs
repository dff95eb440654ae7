using Npgsql;

namespace Tiketi.Silo.Storage;

/// <summary>Reads one grain state row: its version and payload (null when cleared), or nothing.</summary>
internal sealed class ReadStateOperation(string stateName, string grainId, CancellationToken cancellationToken)
    : StorageOperation(StateKey(stateName, grainId), cancellationToken)
{
    /// <summary>False when the table has no row for the grain (it was never written in this format).</summary>
    public bool Found { get; private set; }

    public long Version { get; private set; }

    public byte[]? Payload { get; private set; }

    public static string StateKey(string stateName, string grainId) => string.Concat(stateName, "|", grainId);

    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(StorageSql.ReadState, Text(serviceId), Text(stateName), Text(grainId)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken)
    {
        (Found, Version, Payload) = (false, 0, null);
        if (await reader.ReadAsync(cancellationToken))
        {
            Found = true;
            Version = reader.GetInt64(0);
            Payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        }
    }
}

/// <summary>
/// Writes (or, with a null payload, clears) one grain state as version <paramref name="version"/>,
/// which must follow the version its writer read.
/// </summary>
internal sealed class WriteStateOperation(
    string stateName, string grainId, long version, ReadOnlyMemory<byte>? payload, CancellationToken cancellationToken)
    : StorageOperation(ReadStateOperation.StateKey(stateName, grainId), cancellationToken)
{
    /// <summary>False when another writer changed the row since this writer read it.</summary>
    public bool Written { get; private set; }

    public override int Size => payload?.Length ?? 0;

    public override void AddTo(NpgsqlBatch batch, string serviceId) =>
        batch.BatchCommands.Add(Statement(
            StorageSql.WriteState, Text(serviceId), Text(stateName), Text(grainId), BigInt(version), Bytes(payload)));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken) =>
        Written = await reader.ReadAsync(cancellationToken);
}

/// <summary>"SELECT 1" through one committer: opens (and proves) its connection.</summary>
internal sealed class PingOperation() : StorageOperation("ping", CancellationToken.None)
{
    public override void AddTo(NpgsqlBatch batch, string serviceId) => batch.BatchCommands.Add(Statement("SELECT 1"));

    public override async Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken);
}
