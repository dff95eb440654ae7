using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The answers to a coalesced batch of joins (<see cref="IWaitingQueueGrain.JoinManyAsync"/>), one per
/// buyer in the order asked. A refusal counts in the sale's errors once per buyer refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueJoins")]
public sealed record QueueJoins([property: Id(0)] ImmutableArray<Result<QueueStatus>> Results) : IAuditedAnswers
{
    public IEnumerable<string> FailureCodes => Results.Where(r => r.Code is not null).Select(r => r.Code!);
}
