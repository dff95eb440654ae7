namespace Tiketi.Common;

/// <summary>
/// Coalesces state writes of a reentrant grain: commands mutate state synchronously, then await
/// <see cref="WriteAsync"/>. One write is in flight at a time; every command that arrived meanwhile
/// rides the next one, and none is answered before the write that contains it is on disk. Under a
/// rush this turns thousands of writes into a few, without weakening durability.
/// The write must hand storage its own copy of the state, taken synchronously: storage providers
/// serialize off the grain's turn (ADO.NET does), while later commands keep changing the original.
/// After a failed write nothing more is written: memory now holds changes storage refused, and only a
/// fresh activation, reloaded from storage, may write again. Commands that arrive meanwhile fail with
/// <see cref="Orleans.Storage.InconsistentStateException"/>: Orleans deactivates an activation whose
/// method throws it, callers treat it as transient (retry-safe calls are retried, the API answers 503),
/// and it carries no inner exception that might not cross the wire.
/// </summary>
public sealed class StateWriteBatch(Func<Task> write, Action onFailure)
{
    private TaskCompletionSource? _next;
    private bool _writing;
    private Exception? _failure;

    /// <summary>A write is under way or waiting to start: an answer that reads state may be ahead of disk.</summary>
    public bool Busy => _writing || _next is not null;

    public Task WriteAsync()
    {
        if (_failure is not null)
        {
            return Task.FromException(Refused(_failure));
        }

        var batch = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing)
        {
            _ = PumpAsync();
        }

        return batch.Task;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                if (_failure is not null)
                {
                    batch.SetException(Refused(_failure));
                    continue;
                }

                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception exception)
                {
                    _failure = exception;
                    onFailure();
                    batch.SetException(exception);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private static Orleans.Storage.InconsistentStateException Refused(Exception cause) =>
        new($"An earlier state write failed ({cause.GetType().Name}); this activation is being replaced.");
}
