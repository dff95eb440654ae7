using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Orleans.Concurrency;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>
/// Records, as the calling side sees them, the calls Tiketi grains make while serving a request the test
/// traced (<see cref="TraceAsync{T}"/>): who called, when the call was sent and when its answer came.
/// From that it finds a request's critical path: the longest chain of calls each nested in, or sent only
/// after the answer of, the one before. One-way calls are nobody's answer, so they are left out.
/// </summary>
public sealed class CallChainRecorder : IOutgoingGrainCallFilter
{
    private const string TraceKey = "test.trace";
    private const string CallKey = "test.call";
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var grainInterface = context.InterfaceMethod?.DeclaringType;
        // The in-memory journal is storage that happens to be a grain (on PostgreSQL it is a group-committed
        // write, as Orleans' own memory storage grains are storage and outside these namespaces): not a call.
        if (RequestContext.Get(TraceKey) is not string trace || grainInterface?.Namespace?.StartsWith("Tiketi", StringComparison.Ordinal) != true
            || grainInterface == typeof(Tiketi.Storage.IMemoryJournalGrain))
        {
            await context.Invoke();
            return;
        }

        // Set for this call only: the callee's own calls name it as their caller (an async method's changes do not flow back).
        var caller = RequestContext.Get(CallKey) as string;
        var id = Guid.NewGuid().ToString("N");
        RequestContext.Set(CallKey, id);
        var oneWay = context.InterfaceMethod?.GetCustomAttribute<OneWayAttribute>() is not null;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            _calls.Enqueue(new RecordedCall(trace, id, caller, $"{grainInterface.Name}.{context.MethodName}", oneWay, sent, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Makes <paramref name="call"/> from the client as the root of a new trace; returns its result and the trace.</summary>
    public async Task<(T Result, Trace Trace)> TraceAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var trace = Guid.NewGuid().ToString("N");
        var root = Guid.NewGuid().ToString("N");
        RequestContext.Set(TraceKey, trace);
        RequestContext.Set(CallKey, root);
        try
        {
            var result = await call();

            // Every call a grain awaited was recorded before that grain went on (the filter records it as its
            // answer arrives), so the trace is complete for the path. One-way calls may still be on their way:
            // they are never on the path, so nothing waits for them.
            return (result, new Trace(root, [.. _calls.Where(c => c.Trace == trace)]));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    public sealed record RecordedCall(string Trace, string Id, string? Caller, string Method, bool OneWay, long Sent, long Answered);

    /// <summary>The calls grains made for one client request (the client's own call is the root).</summary>
    public sealed record Trace(string Root, IReadOnlyList<RecordedCall> Calls)
    {
        /// <summary>Sequential grain calls on the critical path, the client's call included.</summary>
        public int CriticalPath => 1 + Chain(Root);

        public IEnumerable<string> Methods => Calls.Select(c => c.Method);

        private int Chain(string caller)
        {
            var calls = Calls.Where(c => c.Caller == caller && !c.OneWay).OrderBy(c => c.Sent).ToList();
            var best = new int[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                var before = Enumerable.Range(0, i).Where(j => calls[j].Answered <= calls[i].Sent).Select(j => best[j]).DefaultIfEmpty(0).Max();
                best[i] = before + 1 + Chain(calls[i].Id);
            }

            return best.DefaultIfEmpty(0).Max();
        }

        public override string ToString() => string.Join("\n", Calls.OrderBy(c => c.Sent).Select(c => $"{c.Method}{(c.OneWay ? " (one-way)" : "")} caller={c.Caller?[..6]} id={c.Id[..6]}"));
    }
}
