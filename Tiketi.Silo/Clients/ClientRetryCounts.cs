namespace Tiketi.Silo.Clients;

/// <summary>
/// What the retry filter of this client did, since it started: read by the load tool's report and by
/// tests; the same counts go to the business meter (tiketi_client_retries_total) where the host has one.
/// </summary>
public sealed class ClientRetryCounts
{
    private long _retries;
    private long _recovered;
    private long _exhausted;

    /// <summary>Attempts sent again after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Calls that failed at first and then succeeded: failures nobody saw.</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>Retry-safe calls still failing transiently when their budget ran out: their callers saw the failure.</summary>
    public long Exhausted => Interlocked.Read(ref _exhausted);

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void RecoveredOne() => Interlocked.Increment(ref _recovered);

    internal void ExhaustedOne() => Interlocked.Increment(ref _exhausted);
}
