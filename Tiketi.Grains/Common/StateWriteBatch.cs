namespace Tiketi.Common;

/// <summary>
/// Coalesces state writes of a reentrant grain: commands mutate state synchronously, then await
/// <see cref="WriteAsync"/>. One write is in flight at a time; every command that arrived meanwhile
/// rides the next one, and none is answered before the write that contains it is on disk. Under a
/// rush this turns thousands of writes into a few, without weakening durability.
/// </summary>
public sealed class StateWriteBatch(Func<Task> write, Action onFailure)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task WriteAsync()
    {
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
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception exception)
                {
                    // Memory now holds changes storage does not: the grain must reload before serving again.
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
}
