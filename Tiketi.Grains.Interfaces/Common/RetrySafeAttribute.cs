namespace Tiketi.Common;

/// <summary>
/// Marks a grain method whose caller may send it again after a transient failure (a message rejected,
/// a silo gone, a response timeout while the cluster reconfigures, storage unavailable) without changing
/// what it does: sending it twice has the effect of sending it once. Orleans clients (the API hosts,
/// the load tool) retry exactly these calls, within a budget; any other call fails at once, because a
/// second attempt of it could do a second thing (a second hold, a second event). Methods marked
/// <c>[ReadOnly]</c> change nothing and count as retry-safe too.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class RetrySafeAttribute : Attribute
{
    /// <summary>
    /// Safe only when the request names itself: a call is retried when one of its arguments is an
    /// <see cref="IIdempotentRequest"/> with a key (a hold that carries its client's key returns the
    /// same hold when sent again; one without a key would be a second hold).
    /// </summary>
    public bool RequiresKey { get; init; }
}

/// <summary>A request that carries the client's idempotency key: the same key is the same request.</summary>
public interface IIdempotentRequest
{
    string? IdempotencyKey { get; }
}
