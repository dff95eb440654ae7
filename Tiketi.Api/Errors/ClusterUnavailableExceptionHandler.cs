using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Tiketi.Api.Errors;

/// <summary>
/// While a silo dies and its grains move, calls fail for a few seconds. That is the cluster's
/// trouble, not a bug and not the client's fault: 503 with Retry-After, and every command is safe to
/// retry (holds are per buyer, checkout is idempotent).
/// </summary>
public sealed partial class ClusterUnavailableExceptionHandler(ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is Tiketi.Common.StorageUnavailableException)
        {
            // The database is away longer than the silo's storage waits: nothing was written, retry later.
            LogUnavailable(logger, exception.GetType().Name);
            httpContext.Response.Headers.RetryAfter = "5";
            await Problems.Of(ApiErrors.StorageUnavailable, "Storage is unavailable for a moment; nothing was changed, retry shortly.").ExecuteAsync(httpContext);
            return true;
        }

        if (exception is not (OrleansMessageRejectionException or SiloUnavailableException or TimeoutException
            or InconsistentStateException or ClientNotAvailableException))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.Headers.RetryAfter = "1";
        await Problems.Of(ApiErrors.Unavailable, "The cluster is moving work between servers; retry in a moment.").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable for a request: {ExceptionType}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
