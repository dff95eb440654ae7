using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Tiketi.Silo.Clients;

/// <summary>
/// The failures that say "the cluster could not do this right now" rather than "this request is wrong":
/// a message rejected or a gateway too busy, a silo gone or unreachable, a response timeout (a silo died
/// with the call, or the cluster is moving grains), a storage version conflict (two activations for a
/// moment; the new one reloads), a message that expired before its grain could be placed (Orleans cancels
/// it; TIKETI's grain calls take no cancellation token of their own). A call marked retry-safe that fails with one of these is sent again;
/// any call that still fails with one of them is answered as "temporarily unavailable" (SYS002).
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception is
        OrleansMessageRejectionException
        or GatewayTooBusyException
        or SiloUnavailableException
        or ConnectionFailedException
        or ClientNotAvailableException
        or TimeoutException
        or OperationCanceledException
        or InconsistentStateException;

    /// <summary>A short, stable name for logs and metric labels: the exception's type name, never its message.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.GetType().Name;
    }
}
