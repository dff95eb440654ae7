using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The client side of a queue under a rush (the API host, the load tool): concurrent joins and status
/// reads of one event's queue go to its grain as one <see cref="IWaitingQueueGrain.JoinManyAsync"/> or
/// <see cref="IWaitingQueueGrain.GetStatusManyAsync"/> call instead of one call each. One grain takes far
/// fewer calls per second than buyers can send; batched, it takes tens of thousands of joins a second.
/// There is no timer: a call goes out at once when none is under way for that queue, and requests arriving
/// meanwhile wait for the next, so batches grow exactly as fast as the queue answers slower than buyers
/// arrive. One call at a time keeps arrival order: each batch holds its requests in the order they reached
/// this client, and the next leaves only once the last was answered (two under way were seen to overtake
/// each other). The grain gives places in the order it applies batches (see docs/architecture.md).
/// Orleans has no such batching of its own (its batching is of messages on a connection, not of calls).
/// </summary>
public sealed class QueueCallCoalescer(IGrainFactory grains)
{
    /// <summary>At most this many buyers per call: a batch of GUID account ids stays around 100 kB.</summary>
    public const int MaxBatch = 2_048;

    /// <summary>Calls per queue and kind under way at once: one, so that batches cannot overtake each other.</summary>
    public const int MaxInFlight = 1;

    private readonly ConcurrentDictionary<string, Lane<Result<QueueStatus>>> _joins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lane<QueueStatus>> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lane<QueueInfo>> _infos = new(StringComparer.Ordinal);

    public Task<Result<QueueStatus>> JoinAsync(string eventId, string buyerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(buyerId);
        return _joins.GetOrAdd(eventId, id => new Lane<Result<QueueStatus>>(async batch =>
            (await grains.GetGrain<IWaitingQueueGrain>(id).JoinManyAsync(batch)).Results)).Enqueue(buyerId);
    }

    public Task<QueueStatus> GetStatusAsync(string eventId, string buyerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(buyerId);
        return _reads.GetOrAdd(eventId, id => new Lane<QueueStatus>(batch =>
            grains.GetGrain<IWaitingQueueGrain>(id).GetStatusManyAsync(batch))).Enqueue(buyerId);
    }

    /// <summary>
    /// The queue's figures and settings (a join checks its proof-of-work setting): requests arriving together
    /// share one <see cref="IWaitingQueueGrain.GetInfoAsync"/> call, made after they arrived, so none reads
    /// anything older than its own call would have.
    /// </summary>
    public Task<QueueInfo> GetInfoAsync(string eventId) =>
        _infos.GetOrAdd(eventId, id => new Lane<QueueInfo>(async batch =>
        {
            var info = await grains.GetGrain<IWaitingQueueGrain>(id).GetInfoAsync().ConfigureAwait(false);
            return [.. Enumerable.Repeat(info, batch.Length)];
        })).Enqueue("");

    /// <summary>The requests of one queue and one kind, waiting for the next call.</summary>
    private sealed class Lane<T>(Func<ImmutableArray<string>, Task<ImmutableArray<T>>> send)
    {

        private readonly Lock _gate = new();
        private readonly Queue<(string Buyer, TaskCompletionSource<T> Answer)> _waiting = new();
        private int _inFlight;

        public Task<T> Enqueue(string buyerId)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool start;
            lock (_gate)
            {
                _waiting.Enqueue((buyerId, answer));
                start = _inFlight < MaxInFlight;
                if (start)
                {
                    _inFlight++;
                }
            }

            if (start)
            {
                _ = PumpAsync();
            }

            return answer.Task;
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                (string Buyer, TaskCompletionSource<T> Answer)[] batch;
                Task<ImmutableArray<T>> call;
                lock (_gate)
                {
                    if (_waiting.Count == 0)
                    {
                        _inFlight--;
                        return;
                    }

                    batch = new (string, TaskCompletionSource<T>)[Math.Min(_waiting.Count, MaxBatch)];
                    for (var i = 0; i < batch.Length; i++)
                    {
                        batch[i] = _waiting.Dequeue();
                    }

                    // Taken and sent under the lock: the batch holds its requests in the order they arrived.
                    call = Send([.. batch.Select(b => b.Buyer)]);
                }

                try
                {
                    var answers = await call.ConfigureAwait(false);
                    if (answers.Length != batch.Length)
                    {
                        throw new InvalidOperationException($"The queue answered {answers.Length} of {batch.Length} buyers.");
                    }

                    for (var i = 0; i < batch.Length; i++)
                    {
                        batch[i].Answer.TrySetResult(answers[i]);
                    }
                }
                catch (Exception exception)
                {
                    // Every caller of the batch sees the failure, as each would have on a call of their own.
                    foreach (var (_, answer) in batch)
                    {
                        answer.TrySetException(exception);
                    }
                }
            }
        }

        private Task<ImmutableArray<T>> Send(ImmutableArray<string> buyers)
        {
            try
            {
                return send(buyers);
            }
            catch (Exception exception)
            {
                return Task.FromException<ImmutableArray<T>>(exception);
            }
        }
    }
}
