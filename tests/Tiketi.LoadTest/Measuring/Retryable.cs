using Tiketi.Silo.Clients;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// The answers a page treats as "one moment" and retries by itself: the API's temporarily-unavailable
/// codes (SYS002 cluster failing over, SYS003 storage unavailable, a bare 502-504 from a proxy), a host
/// that does not answer at all, and, for a client of the cluster, the transient Orleans failures its own
/// retries could not outlast.
/// </summary>
public static class Retryable
{
    public static bool Code(string? code) => code is "SYS002" or "SYS003" or "HTTP502" or "HTTP503" or "HTTP504";

    public static bool Failure(Exception exception) =>
        exception is HttpRequestException
        || TransientFaults.IsTransient(exception)
        || exception.GetType().Name == "StorageUnavailableException";
}
