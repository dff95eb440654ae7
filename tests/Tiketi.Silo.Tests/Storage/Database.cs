using Npgsql;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>Looks at a test database directly: rows the storage wrote, and how many transactions it committed.</summary>
internal static class Database
{
    /// <summary>
    /// The next transaction id the server will hand out. Every transaction that writes takes one, so the
    /// difference of two marks counts the writing transactions in between, exactly and at once (the
    /// server's pg_stat_database.xact_commit is published by each session only when it has been idle for
    /// a while, up to 10 s later, and counts read-only transactions too). Taking a mark takes no id.
    /// </summary>
    public static Task<long> NextTransactionIdAsync(string connectionString) =>
        ScalarAsync<long>(connectionString, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
