using System.Threading.Channels;
using Npgsql;
using Tiketi.Common;

namespace Tiketi.Silo.Storage;

/// <summary>
/// One committer: a connection and a queue. It sends everything queued (up to the batch bounds) as one
/// batch, in one round trip and one transaction, completes every operation once that transaction has
/// committed, and immediately sends the next batch: no timer, so under light load an operation costs one
/// round trip, and under a rush the batches grow instead of the queue of transactions.
/// </summary>
/// <remarks>
/// Npgsql batches are sent with a single Sync, so PostgreSQL runs them as one implicit transaction: one
/// commit (one WAL flush) for all of them. A lost connection leaves the outcome unknown; the same batch
/// is sent again, which is safe because each statement recognises its own earlier effect
/// (<see cref="StorageSql"/>) and a batch never holds two operations on one key.
/// </remarks>
internal sealed class CommitLane : IAsyncDisposable
{
    private const int MaxBatchBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<StorageOperation> _queue = Channel.CreateUnbounded<StorageOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStorageOptions _options;
    private readonly StorageOutage _outage;
    private readonly string _serviceId;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<StorageOperation> _deferred = [];
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public CommitLane(NpgsqlDataSource dataSource, PostgresStorageOptions options, StorageOutage outage, string serviceId)
    {
        _dataSource = dataSource;
        _options = options;
        _outage = outage;
        _serviceId = serviceId;
        _loop = Task.Run(RunAsync);
    }

    public void Submit(StorageOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            operation.Fail(new StorageUnavailableException("The silo is stopping; grain storage no longer accepts work."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        await DropConnectionAsync();
    }

    private async Task RunAsync()
    {
        var batch = new List<StorageOperation>(_options.MaxBatchSize);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (_deferred.Count > 0 || await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                Take(batch, keys);
                if (batch.Count > 0)
                {
                    await CommitAsync(batch);
                }

                batch.Clear();
                keys.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        const string Stopped = "The silo is stopping; grain storage no longer accepts work.";
        FailAll(_deferred, Stopped);
        while (_queue.Reader.TryRead(out var operation))
        {
            operation.Fail(new StorageUnavailableException(Stopped));
        }
    }

    /// <summary>
    /// Fills a batch: operations put off last time first, then the queue, in order. A second operation on a
    /// key already in the batch waits for the next one, with every later operation on that key.
    /// </summary>
    private void Take(List<StorageOperation> batch, HashSet<string> keys)
    {
        var bytes = 0;
        var carried = _deferred.ToArray();
        _deferred.Clear();
        foreach (var operation in carried)
        {
            Add(operation);
        }

        while (batch.Count < _options.MaxBatchSize && bytes < MaxBatchBytes && _queue.Reader.TryRead(out var operation))
        {
            Add(operation);
        }

        void Add(StorageOperation operation)
        {
            if (operation.CancellationToken.IsCancellationRequested)
            {
                operation.Cancel();
            }
            else if (batch.Count >= _options.MaxBatchSize || bytes >= MaxBatchBytes || keys.Contains(operation.Key))
            {
                keys.Add(operation.Key);
                _deferred.Add(operation);
            }
            else
            {
                keys.Add(operation.Key);
                batch.Add(operation);
                bytes += operation.Size;
            }
        }
    }

    private async Task CommitAsync(List<StorageOperation> batch)
    {
        var budget = (long)_options.RetryBudget.TotalMilliseconds;
        var deadline = batch.Min(o => o.SubmittedAt) + budget;
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                await ExecuteAsync(batch);
                _outage.Succeeded();
                foreach (var operation in batch)
                {
                    operation.Commit();
                }

                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                await DropConnectionAsync();
                _outage.Retrying(exception);
                var pause = delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)delay.TotalMilliseconds / 2 + 1));
                if (Environment.TickCount64 + (long)pause.TotalMilliseconds > deadline || _stopping.IsCancellationRequested)
                {
                    _outage.GaveUp(batch.Count);
                    FailAll(batch, $"PostgreSQL stayed unreachable for the storage retry budget ({_options.RetryBudget.TotalSeconds:0.#} s): {TransientFailures.Describe(exception)}. Nothing was written; retry later.");
                    return;
                }

                await Task.Delay(pause, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidCastException or InvalidOperationException)
            {
                await DropConnectionAsync();
                if (batch.Count > 1)
                {
                    // One statement was refused for a reason of its own (nothing transient): run each
                    // operation on its own so that only the one at fault fails.
                    foreach (var operation in batch)
                    {
                        await CommitAsync([operation]);
                    }

                    return;
                }

                FailAll(batch, $"PostgreSQL refused a grain storage statement: {TransientFailures.Describe(exception)}.");
                return;
            }
        }
    }

    private async Task ExecuteAsync(List<StorageOperation> batch)
    {
        var connection = _connection ??= await _dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlBatch(connection) { Timeout = (int)_options.CommandTimeout.TotalSeconds };
        foreach (var operation in batch)
        {
            operation.AddTo(command, _serviceId);
        }

        var cancellation = CancellationToken.None;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var first = true;
        foreach (var operation in batch)
        {
            for (var statement = 0; statement < operation.StatementCount; statement++)
            {
                if (!first && !await reader.NextResultAsync(cancellation))
                {
                    throw new InvalidOperationException("A storage batch returned fewer result sets than it has statements.");
                }

                first = false;
                await operation.ReadAsync(reader, statement, cancellation);
            }
        }

        // Reads to the end of the batch (PostgreSQL's ReadyForQuery), so the commit is known to have happened.
        while (await reader.NextResultAsync(cancellation))
        {
        }
    }

    // One exception per caller: a shared instance would collect every caller's stack trace.
    private static void FailAll(List<StorageOperation> batch, string message)
    {
        foreach (var operation in batch)
        {
            operation.Fail(new StorageUnavailableException(message));
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                // A broken connection may fail to close; it is gone either way.
            }
        }
    }
}
