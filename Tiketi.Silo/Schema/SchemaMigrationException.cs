namespace Tiketi.Silo.Schema;

/// <summary>
/// The schema could not be brought up to date. The message names the server (host, port, database)
/// and never the password.
/// </summary>
public class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server answered, but the database does not exist (yet).</summary>
public sealed class DatabaseMissingException(PostgresEndpoint endpoint, Exception innerException)
    : SchemaMigrationException($"The database at {endpoint.Description} does not exist.", innerException);
