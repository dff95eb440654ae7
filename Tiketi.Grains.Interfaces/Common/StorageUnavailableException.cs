namespace Tiketi.Common;

/// <summary>
/// Grain storage could not make a read or write durable: PostgreSQL stayed unreachable for the whole
/// retry budget of the silo's storage (or refused the statement). Nothing was acknowledged that is not
/// on disk, so the call is safe to retry once the database is back. Serializable and derived from
/// <see cref="OrleansException"/>, so it crosses grain boundaries (and Orleans' storage bridge) as
/// itself instead of as a codec error; its <see cref="Code"/> is documented in docs/errors.md.
/// </summary>
[GenerateSerializer, Alias("tiketi.StorageUnavailableException")]
public sealed class StorageUnavailableException : OrleansException
{
    /// <summary>
    /// The stable code clients see (503, retry later). SYS001 and SYS002 were taken (unexpected
    /// error, cluster failing over) before storage had a code of its own.
    /// </summary>
    public const string Code = "SYS003";

    public StorageUnavailableException()
        : this("Grain storage is unavailable; retry in a moment.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <remarks>
    /// Keep database driver exceptions out of <paramref name="innerException"/>: they have no codec and
    /// would turn this exception into a codec error on the way to the caller.
    /// </remarks>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
