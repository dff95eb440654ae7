using Npgsql;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>Looks at a test database directly: rows the storage wrote, and how many transactions it committed.</summary>
internal static class Database
{
    /// <summary>
    /// pg_stat_database.xact_commit of the database, once the server has published what its sessions did:
    /// a session reports its counts when it goes idle, at most once a second, so the figure settles a
    /// moment after the work stops.
    /// </summary>
    public static async Task<long> CommitsAsync(string connectionString)
    {
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        return await ScalarAsync<long>(connectionString, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

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
