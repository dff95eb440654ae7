using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Storage;

/// <summary>
/// The PostgreSQL grain storage and journal of a silo, bound from "Storage" (the connection string comes
/// from ConnectionStrings:Tiketi). Validated at start: a silo with a nonsensical batch size or budget
/// refuses to start instead of misbehaving in a rush.
/// </summary>
public sealed class PostgresStorageOptions
{
    public const string Section = "Storage";

    /// <summary>The database; set by <c>UseTiketiPostgres</c>, never logged.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The most operations (state reads and writes, journal loads and appends) one transaction carries.
    /// Bigger batches cost fewer transactions under load; one batch's latency is that of its slowest
    /// statement, so this also bounds how long a write can wait behind others.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Committers, each with its own connection and one transaction in flight at a time. A grain's (or
    /// journal's) operations always go through the same one, in order. More committers overlap round
    /// trips; fewer coalesce more per transaction (see docs/benchmarks.md).
    /// </summary>
    [Range(1, 64)]
    public int Connections { get; set; } = 2;

    /// <summary>
    /// How long an operation may wait for the database to come back (connection refused or lost, server
    /// shutting down, timeouts) before its caller fails with StorageUnavailableException (SYS003).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one batch may run on the server before it counts as failed (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On a miss, read the grain's row of the ADO.NET provider's table (orleansstorage, Newtonsoft JSON)
    /// that versions before the binary format wrote, so an upgraded deployment keeps its state. Off only
    /// where no such rows can exist.
    /// </summary>
    public bool ReadLegacyRows { get; set; } = true;
}
