using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;

namespace Tiketi.Accounts;

/// <summary>A sliding window of failure times; successes are not counted, so a buyer who types right is never slowed.</summary>
public sealed class LoginThrottleGrain([FromKeyedServices(SaleClock.Key)] TimeProvider clock) : Grain, ILoginThrottleGrain
{
    private readonly Queue<DateTimeOffset> _failures = new();

    public Task<TimeSpan?> RetryAfterAsync(int maxFailures, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        Forget(now, window);
        return Task.FromResult<TimeSpan?>(_failures.Count < maxFailures ? null : _failures.Peek() + window - now);
    }

    public Task<int> RecordFailureAsync(TimeSpan window)
    {
        var now = clock.GetUtcNow();
        Forget(now, window);
        _failures.Enqueue(now);

        // Keep the activation for the whole window: deactivating would forget the failures.
        DelayDeactivation(window);
        return Task.FromResult(_failures.Count);
    }

    public Task<int> CountAsync(TimeSpan window)
    {
        Forget(clock.GetUtcNow(), window);
        return Task.FromResult(_failures.Count);
    }

    private void Forget(DateTimeOffset now, TimeSpan window)
    {
        while (_failures.Count > 0 && _failures.Peek() + window <= now)
        {
            _failures.Dequeue();
        }
    }
}
