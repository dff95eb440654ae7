using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;
using Tiketi.Common;

namespace Tiketi.Silo.Clients;

/// <summary>
/// Which outgoing calls may be sent again: those whose interface method is marked
/// <see cref="RetrySafeAttribute"/> (with a key in the request where it requires one), and the reads of
/// TIKETI's own interfaces (<c>[ReadOnly]</c>). Looked up once per method.
/// </summary>
public static class RetrySafeCalls
{
    private static readonly ConcurrentDictionary<MethodInfo, Rule> Rules = new();

    private enum Rule
    {
        Never,
        Always,
        WhenKeyed,
    }

    public static bool Allows(MethodInfo method, IInvokable request)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        return Rules.GetOrAdd(method, RuleOf) switch
        {
            Rule.Always => true,
            Rule.WhenKeyed => HasKey(request),
            _ => false,
        };
    }

    /// <summary>The method's name as metrics and logs show it: "IWaitingQueueGrain.JoinAsync".</summary>
    public static string NameOf(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"{method.DeclaringType?.Name}.{method.Name}";
    }

    private static Rule RuleOf(MethodInfo method)
    {
        if (method.IsDefined(typeof(OneWayAttribute)))
        {
            return Rule.Never;
        }

        if (method.GetCustomAttribute<RetrySafeAttribute>() is { } safe)
        {
            return safe.RequiresKey ? Rule.WhenKeyed : Rule.Always;
        }

        // A read changes nothing; only TIKETI's own interfaces are trusted to mean that by [ReadOnly].
        return method.IsDefined(typeof(ReadOnlyAttribute)) && method.DeclaringType?.Assembly == typeof(RetrySafeAttribute).Assembly
            ? Rule.Always
            : Rule.Never;
    }

    private static bool HasKey(IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is IIdempotentRequest { IdempotencyKey: { Length: > 0 } })
            {
                return true;
            }
        }

        return false;
    }
}
