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

    [AuditedEntryPoint, RetrySafe]
    Task<Result> LeaveAsync(string buyerId);

    /// <summary>The buyer's place; reading it counts as being seen (silence loses the place).</summary>
    [RetrySafe]
    Task<QueueStatus> GetStatusAsync(string buyerId);

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

    /// <summary>A shopper showed activity (held seats): their slot stays theirs.</summary>
    [OneWay]
    Task TouchAsync(string buyerId);

    /// <summary>A shopper is done (paid or gave up): their slot goes to the next buyer.</summary>
    [OneWay]
    Task CompleteAsync(string buyerId);
}
