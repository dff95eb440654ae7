using System.Text;
using Npgsql;
using Xunit;

namespace Tiketi.TestSupport.Postgres;

/// <summary>
/// A PostgreSQL server for tests. With TIKETI_TEST_POSTGRES set (a connection string with the right
/// to create databases) that server is used; otherwise a throwaway server is started from the local
/// PostgreSQL binaries in a temp folder and removed on dispose. Share one per test run through a
/// collection fixture and give each test its own database (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "TIKETI_TEST_POSTGRES";

    private readonly List<string> _createdDatabases = [];
    private LocalPostgres? _local;

    /// <summary>Connection string to the server's maintenance database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _local = await LocalPostgres.StartAsync();
        ConnectionString = _local.ConnectionString;
    }

    /// <summary>
    /// Restarts the server (<c>pg_ctl restart -m fast</c>): connections are cut, as in a database failover.
    /// Only a throwaway server started by this class can be restarted; a shared one given through
    /// <see cref="ConnectionStringVariable"/> is not the tests' to restart.
    /// </summary>
    public async Task RestartAsync()
    {
        if (_local is null)
        {
            throw new InvalidOperationException($"A server given through {ConnectionStringVariable} cannot be restarted by a test.");
        }

        await _local.RestartAsync();

        // Pooled connections of this process were cut by the restart; the next open must not get one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Creates a fresh, empty database named after <paramref name="name"/> (plus a unique suffix, so
    /// reruns against a shared server never collide) and returns a connection string to it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = UniqueName(name);
        await ExecuteAsync($"CREATE DATABASE \"{database}\"");
        lock (_createdDatabases)
        {
            _createdDatabases.Add(database);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections:
    /// each database has its own pool, and idle pools would use up the server's connection slots.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(database))
        {
            return;
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        lock (_createdDatabases)
        {
            _createdDatabases.Remove(database);
        }
    }

    public async Task DisposeAsync()
    {
        // Pooled connections would keep the databases busy (and the server from stopping quickly).
        NpgsqlConnection.ClearAllPools();
        if (_local is not null)
        {
            await _local.DisposeAsync();
            return;
        }

        foreach (var database in _createdDatabases.ToList())
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Identifier-safe (lower case letters, digits, '_'), short enough for PostgreSQL's 63 bytes.
    private static string UniqueName(string name)
    {
        var safe = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var prefix = safe.Length > 40 ? safe.ToString(0, 40) : safe.ToString();
        return $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 63)];
    }
}
