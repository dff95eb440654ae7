namespace Tiketi.Silo.Storage;

/// <summary>
/// The statements of the grain storage and the grain journal (tables: Schema/Scripts/0004). Each one is
/// safe to send twice: a committer that lost its connection before the commit's acknowledgement sends
/// the whole batch again, and a statement that finds its own earlier effect reports success, not a conflict.
/// A conflict is a result (no row returned), never an error, so it cannot abort the batch it rides in.
/// </summary>
internal static class StorageSql
{
    public const string ReadState = """
        SELECT version, payload FROM tiketi_grain_state
        WHERE service_id = $1 AND state_name = $2 AND grain_id = $3
        """;

    /// <summary>
    /// Writes version $4 over version $4 - 1 (or inserts version 1 where the writer read nothing). A NULL
    /// payload is a clear. Returns the version, or no row when another writer got there first. A row
    /// already at version $4 with the same payload is this write sent again (or an identical one, which
    /// leaves storage as both writers believe it is).
    /// </summary>
    public const string WriteState = """
        INSERT INTO tiketi_grain_state AS s (service_id, state_name, grain_id, version, payload)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
        SET version = excluded.version, payload = excluded.payload, modified_at = now()
        WHERE s.version = excluded.version - 1
           OR (s.version = excluded.version AND s.payload IS NOT DISTINCT FROM excluded.payload)
        RETURNING s.version
        """;

    /// <summary>The snapshot (if any) first, then the records in order, in one statement (one consistent view).</summary>
    public const string LoadJournal = """
        (SELECT true, sequence, payload FROM tiketi_journal_snapshot WHERE service_id = $1 AND journal_id = $2)
        UNION ALL
        (SELECT false, sequence, payload FROM tiketi_journal_record WHERE service_id = $1 AND journal_id = $2 ORDER BY sequence)
        """;

    /// <summary>
    /// Appends record $3 if it is the next one: the first after the snapshot (0 without one), or right after
    /// an existing record. No row back means the number is taken or out of order. The same record sent
    /// again (same bytes) is recognised as done.
    /// </summary>
    public const string AppendJournal = """
        INSERT INTO tiketi_journal_record AS r (service_id, journal_id, sequence, payload)
        SELECT $1, $2, $3, $4
        WHERE $3 = coalesce((SELECT sequence FROM tiketi_journal_snapshot WHERE service_id = $1 AND journal_id = $2), 0)
           OR EXISTS (SELECT 1 FROM tiketi_journal_record WHERE service_id = $1 AND journal_id = $2 AND sequence = $3 - 1)
        ON CONFLICT (service_id, journal_id, sequence) DO UPDATE SET payload = excluded.payload
        WHERE r.payload = excluded.payload
        RETURNING r.sequence
        """;

    /// <summary>
    /// Stores snapshot $3 (standing for records below $3) if it is not older than the stored one and not
    /// past the end of the journal, and deletes the records it covers, in the same statement.
    /// </summary>
    public const string SnapshotJournal = """
        WITH known AS (
            SELECT coalesce((SELECT sequence FROM tiketi_journal_snapshot WHERE service_id = $1 AND journal_id = $2), 0) AS sequence),
        stored AS (
            INSERT INTO tiketi_journal_snapshot AS s (service_id, journal_id, sequence, payload)
            SELECT $1, $2, $3, $4 FROM known
            WHERE $3 >= known.sequence
              AND ($3 = known.sequence
                   OR EXISTS (SELECT 1 FROM tiketi_journal_record WHERE service_id = $1 AND journal_id = $2 AND sequence = $3 - 1))
            ON CONFLICT (service_id, journal_id) DO UPDATE
            SET sequence = excluded.sequence, payload = excluded.payload, modified_at = now()
            WHERE s.sequence <= excluded.sequence
            RETURNING s.sequence),
        covered AS (
            DELETE FROM tiketi_journal_record
            WHERE service_id = $1 AND journal_id = $2 AND sequence < (SELECT sequence FROM stored))
        SELECT sequence FROM stored
        """;

    public const string ClearJournal = """
        WITH snapshot AS (DELETE FROM tiketi_journal_snapshot WHERE service_id = $1 AND journal_id = $2),
        records AS (DELETE FROM tiketi_journal_record WHERE service_id = $1 AND journal_id = $2)
        SELECT 1
        """;
}
