using System.Collections.Immutable;
using Tiketi.Queue;

namespace Tiketi.Audit;

/// <summary>A count in one time bucket of an audit timeline (bucket start, UTC).</summary>
[GenerateSerializer, Immutable, Alias("tiketi.TimeCount")]
public sealed record TimeCount([property: Id(0)] DateTimeOffset At, [property: Id(1)] long Count);

/// <summary>One place in queue order: enough to answer "I was first and didn't get in".</summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueAuditEntry")]
public sealed record QueueAuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] DateTimeOffset ArrivedAt,
    [property: Id(3)] bool FromPreQueue,
    [property: Id(4)] QueueOutcome Outcome,
    [property: Id(5)] DateTimeOffset? AdmittedAt);

/// <summary>
/// What the waiting queue of one sale recorded: arrivals and admissions over time, the pre-queue
/// shuffle (its seed reproduces the order), and every place in queue order.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueAudit")]
public sealed record QueueAudit(
    [property: Id(0)] string EventId,
    [property: Id(1)] bool Lottery,
    [property: Id(2)] ulong? ShuffleSeed,
    [property: Id(3)] DateTimeOffset? ShuffledAt,
    [property: Id(4)] long PreQueued,
    [property: Id(5)] long Arrivals,
    [property: Id(6)] long Admitted,
    [property: Id(7)] long Left,
    [property: Id(8)] long Dropped,
    [property: Id(9)] ImmutableArray<TimeCount> ArrivalsOverTime,
    [property: Id(10)] ImmutableArray<TimeCount> AdmissionsOverTime,
    [property: Id(11)] ImmutableArray<QueueAuditEntry> Order);

/// <summary>What the waitlist of one sale recorded.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistAudit")]
public sealed record WaitlistAudit(
    [property: Id(0)] string EventId,
    [property: Id(1)] long Joined,
    [property: Id(2)] long Waiting,
    [property: Id(3)] long OffersMade,
    [property: Id(4)] long OffersTaken,
    [property: Id(5)] long OffersLapsed);
