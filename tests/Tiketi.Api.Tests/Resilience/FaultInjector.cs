using System.Collections.Concurrent;

namespace Tiketi.Api.Tests.Resilience;

/// <summary>
/// A silo-side grain call filter that makes chosen grain methods fail the way a failover makes them
/// fail (the exception the caller would receive), a set number of times or always, and counts every
/// call that reached them, failed or not.
/// </summary>
public sealed class FaultInjector : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, Plan> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> ("IEventGrain.GetAsync") throw.</summary>
    public void Fail(string method, Func<Exception> exception, int times = int.MaxValue) => _plans[method] = new Plan(exception, times);

    public void Heal(string method) => _plans.TryRemove(method, out _);

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        return _plans.TryGetValue(method, out var plan) && plan.Take()
            ? Task.FromException(plan.Exception())
            : context.Invoke();
    }

    /// <summary>
    /// Orleans makes some of its failures only itself (internal constructors); a test makes them the same
    /// way, so the exception a caller sees is the real type with the real codec.
    /// </summary>
    public static T Make<T>(string message)
        where T : Exception =>
        (T)Activator.CreateInstance(typeof(T), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
            binder: null, args: [message], culture: null)!;

    private sealed class Plan(Func<Exception> exception, int times)
    {
        private int _left = times;

        public Func<Exception> Exception { get; } = exception;

        public bool Take() => Interlocked.Decrement(ref _left) >= 0;
    }
}
