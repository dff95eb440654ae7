using Npgsql;
using Tiketi.LoadTest.Reporting;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// What a run cost the database, from PostgreSQL's own counters read before and after it: committed
/// transactions of the sale's database, rows inserted/updated/deleted in its tables, WAL bytes and the
/// growth of its relations. Counts, not times: stable on a noisy machine, so a test may assert them.
/// </summary>
public sealed class PostgresCost(string connectionString)
{
    // The statistics a backend gathers reach pg_stat_* when it next reports, at most about a second
    // after its last transaction (PostgreSQL 15+); waiting a little longer than that catches them all.
    private static readonly TimeSpan StatsSettle = TimeSpan.FromSeconds(2.5);

    private const string SnapshotSql = """
        select d.xact_commit,
               coalesce(sum(t.n_tup_ins), 0)::bigint,
               coalesce(sum(t.n_tup_upd), 0)::bigint,
               coalesce(sum(t.n_tup_del), 0)::bigint,
               pg_database_size(current_database()),
               pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
        from pg_stat_database d left join pg_stat_user_tables t on true
        where d.datname = current_database()
        group by d.xact_commit
        """;

    public async Task<PostgresCounters> SnapshotAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(StatsSettle, cancellationToken);

        // A connection of its own (no pool): the probe's two transactions are all it adds to the count.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SnapshotSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PostgresCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>The difference, per paid order when the run paid any, else per successful queue join, else per run.</summary>
    public static PostgresCostReport Report(PostgresCounters before, PostgresCounters after, RunReport run)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(run);
        var paid = run.Operation("checkout")?.Ok ?? 0;
        var joins = run.Operation("join")?.Ok ?? 0;
        var (per, units) = paid > 0 ? ("paid order", paid) : joins > 0 ? ("join", joins) : ("run", 1L);
        var transactions = after.TransactionsCommitted - before.TransactionsCommitted;
        var rows = (after.RowsInserted - before.RowsInserted) + (after.RowsUpdated - before.RowsUpdated) + (after.RowsDeleted - before.RowsDeleted);
        var wal = after.WalBytes - before.WalBytes;
        var growth = after.DatabaseBytes - before.DatabaseBytes;
        return new PostgresCostReport(
            per, units, transactions, after.RowsInserted - before.RowsInserted, after.RowsUpdated - before.RowsUpdated,
            after.RowsDeleted - before.RowsDeleted, wal, growth,
            Math.Round((double)transactions / units, 3), Math.Round((double)rows / units, 3),
            Math.Round((double)wal / units, 1), Math.Round((double)growth / units, 1));
    }
}

/// <summary>PostgreSQL's cumulative counters for the sale's database at one moment.</summary>
public sealed record PostgresCounters(long TransactionsCommitted, long RowsInserted, long RowsUpdated, long RowsDeleted, long DatabaseBytes, long WalBytes);

/// <summary>What a run cost PostgreSQL, in all and per <see cref="Per"/> (a paid order in a rush, a join in a queue flood).</summary>
public sealed record PostgresCostReport(
    string Per, long Units, long Transactions, long RowsInserted, long RowsUpdated, long RowsDeleted, long WalBytes, long DatabaseGrowthBytes,
    double TransactionsPerUnit, double RowsWrittenPerUnit, double WalBytesPerUnit, double DatabaseGrowthBytesPerUnit);
