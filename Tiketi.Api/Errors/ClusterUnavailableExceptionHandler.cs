using Microsoft.AspNetCore.Diagnostics;
using Orleans.Serialization;
using Tiketi.Silo.Clients;

namespace Tiketi.Api.Errors;

/// <summary>
/// While a silo dies and its grains move, or the cluster cannot reach its database for a moment, calls
/// fail for a few seconds. That is the cluster's trouble, not a bug and not the client's fault: the Orleans
/// client has already retried what was safe to retry (<see cref="TransientRetryFilter"/>), so what reaches
/// here is answered 503 with a stable code and Retry-After, and never names the exception. Every buyer
/// command may be sent again (queue joins are per buyer, holds and checkouts carry an idempotency key).
/// </summary>
public sealed partial class ClusterUnavailableExceptionHandler(ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before it retries: about one backoff step of the cluster's own retries.</summary>
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (TransientFaults.IsTransient(exception))
        {
            LogUnavailable(logger, TransientFaults.Reason(exception));
        }
        else if (exception is CodecNotFoundException)
        {
            // An exception a silo could not send back as itself: whatever failed there, the answer was lost on
            // the way, so the caller may retry; but a type that cannot cross the wire is a bug to fix.
            LogUnreadableFailure(logger, exception);
        }
        else
        {
            return false;
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.Of(ApiErrors.Unavailable, "The service is moving work between servers; retry in a moment.").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable for a request: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A grain call failed with an exception that could not be sent back to the client; answered 503")]
    private static partial void LogUnreadableFailure(ILogger logger, Exception exception);
}
