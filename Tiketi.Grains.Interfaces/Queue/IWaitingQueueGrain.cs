using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The waiting queue of one sale (key: event id). It admits buyers in arrival order at a controlled
/// rate and is the queue-length grain that drives scale-out.
/// </summary>
public interface IWaitingQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Joins the queue (or, before a lottery sale opens, its pre-queue). Idempotent per buyer id, so a
    /// buyer's place is the account's on every device. Counts as being seen.
    /// </summary>
    [AuditedEntryPoint, RetrySafe]
    Task<Result<QueueStatus>> JoinAsync(string buyerId);

    /// <summary>
    /// Joins many buyers in one call, in the order given: what a client's <c>QueueCallCoalescer</c> sends
    /// when buyers join at once. Each answer is what <see cref="JoinAsync"/> would have said, and the
    /// places are on disk before any is answered. Idempotent per buyer, as a single join is.
    /// </summary>
    [AuditedEntryPoint, RetrySafe]
    Task<QueueJoins> JoinManyAsync(ImmutableArray<string> buyerIds);

    [AuditedEntryPoint, RetrySafe]
    Task<Result> LeaveAsync(string buyerId);

    /// <summary>The buyer's place; reading it counts as being seen (silence loses the place).</summary>
    [RetrySafe]
    Task<QueueStatus> GetStatusAsync(string buyerId);

    /// <summary>Many buyers' places in one call (coalesced status reads), in the order given; each counts as being seen.</summary>
    [RetrySafe]
    Task<ImmutableArray<QueueStatus>> GetStatusManyAsync(ImmutableArray<string> buyerIds);

    /// <summary>The event hands over its queue mode and opening; a lottery already drawn stays drawn.</summary>
    Task ScheduleAsync(QueueSchedule schedule);

    /// <summary>What the queue recorded; <paramref name="orderLimit"/> is 1 to 10,000 places from <paramref name="orderOffset"/>.</summary>
    [ReadOnly]
    Task<QueueAudit> GetAuditAsync(int orderOffset, int orderLimit);

    /// <summary>The buyer's latest place in queue order, or null if they never had one.</summary>
    [ReadOnly]
    Task<QueueAuditEntry?> FindPlaceAsync(string buyerId);

    Task ConfigureAsync(QueueSettings settings);

    [ReadOnly]
    Task<QueueInfo> GetInfoAsync();

    /// <summary>The event tells the queue whether anything is left to sell.</summary>
    Task SetSoldOutAsync(bool soldOut);

    /// <summary>
    /// A shopper showed activity (held seats): their slot stays theirs. Kept in memory and written with the
    /// queue's next record only once it moves the idle time by <c>QueueLine.TouchStep</c>: a crash may
    /// forget that much of the extension.
    /// </summary>
    [OneWay]
    Task TouchAsync(string buyerId);

    /// <summary>
    /// A shopper is done (paid or gave up): their slot goes to the next buyer. Not written per call: it rides
    /// the queue's next record (at the latest the next admission tick), so a crash just before may forget it
    /// and the slot then frees at the shopper's idle timeout instead.
    /// </summary>
    [OneWay]
    Task CompleteAsync(string buyerId);
}
