namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// What a client of the cluster does while a silo is down: a call that failed because of the dead
/// silo (rejected, unreachable, no answer in time) is retried, a bounded number of times with a short
/// growing pause, long enough to span Orleans declaring the silo dead. Any other failure is a bug.
/// </summary>
/// <remarks>
/// Orleans' default grain directory loses the entries a dead silo kept, so for a moment a grain can
/// have a second activation that loaded older state. Its first write then fails on the storage ETag
/// (<see cref="Orleans.Storage.InconsistentStateException"/>), Orleans deactivates it, and the retry
/// reaches an activation that loads the truth: retrying that exception is the documented contract.
/// </remarks>
internal static class Resilient
{
    public const int MaxAttempts = 40;

    private static int _retries;

    /// <summary>How many calls were retried in this process (all tests): shows the kill was felt.</summary>
    public static int Retries => Volatile.Read(ref _retries);

    public static bool IsTransient(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or TimeoutException
        or OperationCanceledException // "message expired before placement could complete": the test never cancels
        or Orleans.Storage.InconsistentStateException
        or Tiketi.Storage.JournalConflictException // the grain-journal analogue of the ETag conflict above
        or Orleans.Runtime.Messaging.ConnectionFailedException
        or GatewayTooBusyException;

    /// <summary>Calls <paramref name="call"/> until it answers; <paramref name="attempt"/> counts the tries (1 = first).</summary>
    public static async Task<T> CallAsync<T>(Func<int, Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(attempt);
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1_000)));
            }
        }
    }

    public static Task<T> CallAsync<T>(Func<Task<T>> call) => CallAsync(_ => call());
}
