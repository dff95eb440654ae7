using Tiketi.Common;

namespace Tiketi.Storage;

/// <summary>
/// Registers and removes a grain's reminder through a database outage. Orleans' ADO.NET reminder table
/// throws the database driver's exceptions straight into the grain, and those have no codec: a caller
/// would see <c>CodecNotFoundException</c> instead of a retryable answer. So, as grain storage does, a
/// failed reminder operation is retried with backoff for <see cref="RetryBudget"/> and only then fails,
/// as <see cref="StorageUnavailableException"/> (SYS003) carrying the cause's message, never the driver's
/// exception. Written by hand because Orleans offers no retry policy for its reminder service.
/// </summary>
public static class ReminderRegistration
{
    /// <summary>As long as grain storage waits for the database (<c>Storage__RetryBudget</c>'s default).</summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    /// <summary>Registers (or updates) <paramref name="name"/>, waiting out an outage.</summary>
    public static Task<IGrainReminder> RegisterAsync(Grain grain, string name, TimeSpan dueTime, TimeSpan period) =>
        RetryAsync(() => grain.RegisterOrUpdateReminder(name, dueTime, period), name);

    /// <summary>Removes <paramref name="name"/> if it is registered, waiting out an outage.</summary>
    public static Task UnregisterAsync(Grain grain, string name) =>
        RetryAsync(
            async () =>
            {
                if (await grain.GetReminder(name) is { } reminder)
                {
                    await grain.UnregisterReminder(reminder);
                }

                return true;
            },
            name);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> operation, string name)
    {
        var started = TimeProvider.System.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (TimeProvider.System.GetElapsedTime(started) + delay > RetryBudget)
                {
                    throw new StorageUnavailableException($"Reminder '{name}' could not be saved: {exception.GetType().Name}: {exception.Message}");
                }

                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }
}
