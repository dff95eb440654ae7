using System.Net.Sockets;
using Npgsql;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Which failures mean "the database is not reachable right now" (retry the batch) rather than "the
/// database refused this" (fail the statement): lost or refused connections, a server shutting down or
/// starting, timeouts, and the conflicts PostgreSQL itself says to retry.
/// </summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal), // admin/crash shutdown, cannot connect now
        // Not a server error: the connection broke, was refused, or timed out.
        NpgsqlException => true,
        TimeoutException or SocketException or IOException => true,
        _ => false,
    };

    /// <summary>What went wrong, for a log line or an exception message: no connection string, no password.</summary>
    public static string Describe(Exception exception)
    {
        if (exception is PostgresException postgres)
        {
            return $"{postgres.SqlState} {postgres.MessageText}";
        }

        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception ? $"{exception.GetType().Name}: {exception.Message}" : $"{exception.GetType().Name}: {exception.Message} ({inner.Message})";
    }
}
