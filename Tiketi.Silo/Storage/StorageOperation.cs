using Npgsql;

namespace Tiketi.Silo.Storage;

/// <summary>
/// One read or write waiting for a committer: it adds its statements to a batch and reads their
/// results. Its task completes only once the batch's transaction has committed, so a caller is never
/// told "done" about something a failed transaction rolled back.
/// </summary>
internal abstract class StorageOperation(string key, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// What the operation is about (a grain's state, a journal). Operations with one key run in the order
    /// they were submitted, at most one per batch, so a batch that is sent again after a lost connection
    /// repeats only statements that are each safe to repeat.
    /// </summary>
    public string Key { get; } = key;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>When it was submitted; its retry budget counts from here.</summary>
    public long SubmittedAt { get; } = Environment.TickCount64;

    /// <summary>Payload bytes it sends, to keep a batch's size bounded.</summary>
    public virtual int Size => 0;

    /// <summary>How many statements (and so result sets) <see cref="AddTo"/> adds.</summary>
    public virtual int StatementCount => 1;

    public Task Completion => _done.Task;

    public abstract void AddTo(NpgsqlBatch batch, string serviceId);

    /// <summary>Reads the result set of statement <paramref name="statement"/> (0-based) of this operation.</summary>
    public abstract Task ReadAsync(NpgsqlDataReader reader, int statement, CancellationToken cancellationToken);

    /// <summary>The batch committed: publish what was read.</summary>
    public void Commit() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);

    public void Cancel() => _done.TrySetCanceled(CancellationToken);

    protected static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    protected static NpgsqlParameter<long> BigInt(long value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint };

    protected static NpgsqlParameter Bytes(ReadOnlyMemory<byte>? value) => value is { } bytes
        ? new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = bytes, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea };

    protected static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
