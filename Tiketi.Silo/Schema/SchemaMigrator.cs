using DbUp;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tiketi.Silo.Schema;

/// <summary>
/// Brings a PostgreSQL database to the schema this version of TIKETI needs: the Orleans ADO.NET
/// tables and stored queries, and TIKETI's grain state and journal tables (Schema/Scripts/*.sql,
/// applied in name order, each once, recorded in a journal table). Running it on an up-to-date database changes nothing.
/// </summary>
public sealed partial class SchemaMigrator(ILogger<SchemaMigrator> logger)
{
    public const string JournalSchema = "public";
    public const string JournalTable = "tiketi_schema_journal";

    /// <summary>The scripts' resource names (see Tiketi.Silo.csproj); the journal records them.</summary>
    public const string ScriptPrefix = "Tiketi.Silo.Schema.Scripts.";

    // Any constant shared by all migrators: silos starting together migrate one after another.
    private const long AdvisoryLockKey = 0x54_494B_4554_49;

    /// <summary>Applies the scripts not yet applied and returns their names (none when up to date).</summary>
    /// <exception cref="SchemaMigrationException">The server is unreachable or a script failed.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(
        string connectionString, bool createDatabase = false, CancellationToken cancellationToken = default)
    {
        var endpoint = PostgresEndpoint.Parse(connectionString);
        LogMigrating(endpoint.Description);

        var connection = await OpenAsync(endpoint, createDatabase, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken).ConfigureAwait(false);
            try
            {
                var applied = Upgrade(endpoint);
                if (applied.Count == 0)
                {
                    LogUpToDate(endpoint.Description);
                }
                else
                {
                    LogApplied(applied.Count, endpoint.Description, applied);
                }

                return applied;
            }
            finally
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(
        PostgresEndpoint endpoint, bool createDatabase, CancellationToken cancellationToken)
    {
        try
        {
            return await endpoint.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseMissingException) when (createDatabase)
        {
            var server = await endpoint.WithDatabase("postgres").OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                var name = endpoint.Database.Replace("\"", "\"\"", StringComparison.Ordinal);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            LogCreatedDatabase(endpoint.Description);
            return await endpoint.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private List<string> Upgrade(PostgresEndpoint endpoint)
    {
        var engine = DeployChanges.To
            .PostgresqlDatabase(endpoint.ConnectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(SchemaMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .JournalToPostgresqlTable(JournalSchema, JournalTable)
            .WithTransactionPerScript()
            // Scripts use $$ quoting; DbUp's $name$ variable substitution must not touch them.
            .WithVariablesDisabled()
            .LogTo(new DbUpLog(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new SchemaMigrationException(
                $"Applying {result.ErrorScript?.Name ?? "the schema"} to {endpoint.Description} failed: {result.Error?.Message}",
                result.Error!);
        }

        return result.Scripts.Select(script => script.Name).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating the schema of {Database}")]
    private partial void LogMigrating(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private partial void LogCreatedDatabase(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of {Database} is up to date")]
    private partial void LogUpToDate(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} scripts to {Database}: {Scripts}")]
    private partial void LogApplied(int count, string database, IReadOnlyList<string> scripts);
}
