using System.Globalization;
using Npgsql;

namespace Tiketi.Silo.Schema;

/// <summary>
/// A PostgreSQL connection string prepared for start-up work: it fails fast when the server is not
/// there, does not pool (a one-off job would otherwise leave idle connections open for minutes),
/// and can describe where it points without ever showing the password.
/// </summary>
public sealed class PostgresEndpoint
{
    /// <summary>Seconds to wait for a connection: start-up should fail quickly, not hang.</summary>
    public const int ConnectTimeoutSeconds = 5;

    private PostgresEndpoint(NpgsqlConnectionStringBuilder builder)
    {
        ConnectionString = builder.ConnectionString;
        Host = string.IsNullOrWhiteSpace(builder.Host) ? "localhost" : builder.Host;
        Port = builder.Port;
        Database = builder.Database ?? builder.Username ?? "postgres";
    }

    public string ConnectionString { get; }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    /// <summary>Where this points, safe for logs and exception messages.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}/{Database}");

    public static PostgresEndpoint Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Not chained: the parser's message could quote the connection string, password included.
            throw new SchemaMigrationException("The PostgreSQL connection string is not valid.");
        }

        if (builder.Timeout is <= 0 or > ConnectTimeoutSeconds)
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        builder.Pooling = false;

        return new PostgresEndpoint(builder);
    }

    /// <summary>The same server, another database (e.g. "postgres" to create ours).</summary>
    public PostgresEndpoint WithDatabase(string database) =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database });

    /// <summary>Opens a connection, turning "cannot reach the server" into one clear exception.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ex is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
            {
                throw new DatabaseMissingException(this, ex);
            }

            throw new SchemaMigrationException($"Cannot connect to PostgreSQL at {Description}: {Reason(ex)}", ex);
        }
    }

    // Npgsql wraps socket errors; the innermost message ("Connection refused") is the useful one.
    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
    }
}
