using Microsoft.Extensions.Logging;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Whether the silo's storage is cut off from PostgreSQL right now, shared by every committer. An outage
/// is logged twice, when it starts (with its cause) and when it ends (with its length and what it cost),
/// not once per failed batch; the storage health check reads it.
/// </summary>
public sealed partial class StorageOutage(ILogger<StorageOutage> logger, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _since;
    private int _retries;
    private int _failedOperations;

    /// <summary>When the current outage began; null while storage works.</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_lock)
            {
                return _since;
            }
        }
    }

    /// <summary>A batch failed with a transient error and will be sent again.</summary>
    internal void Retrying(Exception cause)
    {
        lock (_lock)
        {
            _retries++;
            if (_since is not null)
            {
                return;
            }

            _since = time.GetUtcNow();
        }

        LogOutageBegan(logger, TransientFailures.Describe(cause));
    }

    /// <summary>Operations whose budget ran out during the outage; their callers got SYS003.</summary>
    internal void GaveUp(int operations)
    {
        lock (_lock)
        {
            _failedOperations += operations;
        }
    }

    /// <summary>A batch committed: the outage, if any, is over.</summary>
    internal void Succeeded()
    {
        if (Volatile.Read(ref _retries) == 0)
        {
            return;
        }

        DateTimeOffset since;
        int retries, failed;
        lock (_lock)
        {
            if (_since is null)
            {
                return;
            }

            (since, retries, failed) = (_since.Value, _retries, _failedOperations);
            (_since, _retries, _failedOperations) = (null, 0, 0);
        }

        var duration = time.GetUtcNow() - since;
        LogOutageEnded(logger, duration, retries, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL storage is unreachable ({Cause}); grain reads and writes wait and retry within their budget")]
    private static partial void LogOutageBegan(ILogger logger, string cause);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "PostgreSQL storage is reachable again after {Duration}: {Retries} batch attempts retried, {Failed} operations failed with SYS003")]
    private static partial void LogOutageEnded(ILogger logger, TimeSpan duration, int retries, int failed);
}
