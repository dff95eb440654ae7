using System.Collections.Concurrent;
using Orleans.Storage;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// What a run costs inside an in-process silo (<c>--count-costs</c>): every grain call by interface and
/// method (the in-memory reminder table and stream pub-sub are grains too, so their writes show up as
/// calls), and every grain-state write by storage and grain type. Divided by the paid orders, these are
/// the "calls and writes per paid order" of docs/benchmarks.md. Counting costs a dictionary update per
/// call, so timings of a counted run are not quoted.
/// </summary>
public sealed class GrainCostCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _writes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Calls => _calls;

    public IReadOnlyDictionary<string, long> Writes => _writes;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.InterfaceMethod?.DeclaringType?.Name ?? context.InterfaceName;
        _calls.AddOrUpdate($"{type}.{context.MethodName}", 1, static (_, n) => n + 1);
        return context.Invoke();
    }

    public void Wrote(string storage, GrainId grainId, string what) =>
        _writes.AddOrUpdate($"{storage}:{grainId.Type}:{what}", 1, static (_, n) => n + 1);

    /// <summary>The counts so far, in all and per paid order.</summary>
    public Reporting.CostReport Report(long paidOrders)
    {
        var calls = new SortedDictionary<string, long>(_calls, StringComparer.Ordinal);
        var writes = new SortedDictionary<string, long>(_writes, StringComparer.Ordinal);
        var per = Math.Max(1, paidOrders);
        return new(paidOrders, calls.Values.Sum(), writes.Values.Sum(),
            Math.Round((double)calls.Values.Sum() / per, 2), Math.Round((double)writes.Values.Sum() / per, 2), calls, writes);
    }

    /// <summary>Wraps a storage provider so its writes and clears are counted.</summary>
    public IGrainStorage Count(string storage, IGrainStorage inner) => new CountingStorage(storage, inner, this);

    private sealed class CountingStorage(string storage, IGrainStorage inner, GrainCostCounter counter) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            counter.Wrote(storage, grainId, "write");
            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            counter.Wrote(storage, grainId, "clear");
            return inner.ClearStateAsync(stateName, grainId, grainState);
        }

        public void Participate(ISiloLifecycle observer)
        {
            if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
            {
                participant.Participate(observer);
            }
        }
    }
}
