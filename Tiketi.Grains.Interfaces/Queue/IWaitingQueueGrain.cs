using Tiketi.Audit;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The waiting queue of one sale (key: event id). It admits buyers in arrival order at a controlled
/// rate and is the queue-length grain that drives scale-out.
/// </summary>
public interface IWaitingQueueGrain : IGrainWithStringKey
{
    /// <summary>Joins the queue. Idempotent: joining again keeps the buyer's place.</summary>
    [AuditedEntryPoint]
    Task<Result<QueueStatus>> JoinAsync(string buyerId);

    [AuditedEntryPoint]
    Task<Result> LeaveAsync(string buyerId);

    Task<QueueStatus> GetStatusAsync(string buyerId);

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
