using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Tiketi.Common;

namespace Tiketi.Audit;

/// <summary>
/// Counts failed <see cref="Result"/> answers of methods marked <see cref="AuditedEntryPointAttribute"/>
/// into this silo's <see cref="ErrorTally"/>, under the event the grain belongs to: its key's first part
/// ("{eventId}" or "{eventId}/{...}"), or what an <see cref="IEventScoped"/> grain says.
/// Exceptions are not counted here: they are not answers a buyer was given with a code.
/// </summary>
public sealed class ErrorCountingFilter(ErrorTally tally, [FromKeyedServices(SaleClock.Key)] TimeProvider clock) : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Audited = new();
    private static readonly ConcurrentDictionary<Type, Func<object, string?>?> CodeReaders = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Invoke();
        if (context.InterfaceMethod is not { } method
            || !Audited.GetOrAdd(method, static m => m.IsDefined(typeof(AuditedEntryPointAttribute), inherit: true))
            || EventOf(context) is not { } eventId)
        {
            return;
        }

        if (context.Result is IAuditedAnswers answers)
        {
            foreach (var failure in answers.FailureCodes)
            {
                tally.Count(eventId, failure, clock.GetUtcNow());
            }
        }
        else if (CodeOf(context.Result) is { } code)
        {
            tally.Count(eventId, code, clock.GetUtcNow());
        }
    }

    private static string? EventOf(IIncomingGrainCallContext context)
    {
        if (context.Grain is IEventScoped scoped)
        {
            return scoped.AuditEventId;
        }

        var key = context.TargetId.Key.ToString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    private static string? CodeOf(object? result) => result switch
    {
        null => null,
        Result plain => plain.Code,
        _ => CodeReaders.GetOrAdd(result.GetType(), Reader)?.Invoke(result),
    };

    // Result<T> is generic; its Code property is read through a delegate built once per T.
    private static Func<object, string?>? Reader(Type type)
    {
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Result<>))
        {
            return null;
        }

        var property = type.GetProperty(nameof(Result<object>.Code))!;
        return instance => (string?)property.GetValue(instance);
    }
}
