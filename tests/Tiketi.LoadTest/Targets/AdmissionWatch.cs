namespace Tiketi.LoadTest.Targets;

/// <summary>
/// The queue's progress as the cluster pushes it (admitted up to sequence number N, sold out). Waiting
/// buyers sleep here until the head passes their place instead of polling the queue grain, which is
/// how the contract means clients to follow the queue.
/// </summary>
public sealed class AdmissionWatch : IAsyncDisposable
{
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();
    private readonly Lock _gate = new();
    private readonly Func<ValueTask>? _unsubscribe;
    private long _head;

    public AdmissionWatch(Func<ValueTask>? unsubscribe = null) => _unsubscribe = unsubscribe;

    /// <summary>The sequence number of the next buyer to admit: everyone before it was admitted.</summary>
    public long Head => Interlocked.Read(ref _head);

    public bool SoldOut { get; private set; }

    public long Updates { get; private set; }

    public void Update(long admittedUpTo, bool soldOut)
    {
        List<TaskCompletionSource> due = [];
        lock (_gate)
        {
            Updates++;
            if (admittedUpTo > _head)
            {
                Interlocked.Exchange(ref _head, admittedUpTo);
            }

            SoldOut |= soldOut;
            while (_waiters.TryPeek(out var waiter, out var seq) && (SoldOut || seq < _head))
            {
                _waiters.Dequeue();
                due.Add(waiter);
            }
        }

        foreach (var waiter in due)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Completes when the buyer at <paramref name="seq"/> is admitted, the sale sells out, or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (SoldOut || seq < _head)
            {
                return Task.CompletedTask;
            }

            _waiters.Enqueue(waiter, seq);
        }

        return Task.WhenAny(waiter.Task, Task.Delay(timeout, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_unsubscribe is not null)
        {
            await _unsubscribe();
        }
    }
}
