using System.Text;
using Npgsql;
using Tiketi.Silo.Schema;

namespace Tiketi.Silo.Tests.Schema;

/// <summary>
/// A text dump of what a migration can change: tables and columns, indexes, constraints, the stored
/// queries (with the transaction that last wrote each row) and the journal.
/// </summary>
internal static class SchemaSnapshot
{
    private static readonly string[] Queries =
    [
        """
        SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1
        """,
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
        "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT querykey || ' ' || md5(querytext) || ' xmin=' || xmin FROM orleansquery ORDER BY 1",
        $"SELECT scriptname || ' ' || applied FROM {SchemaMigrator.JournalSchema}.{SchemaMigrator.JournalTable} ORDER BY schemaversionsid",
    ];

    public static async Task<string> TakeAsync(string connectionString)
    {
        var dump = new StringBuilder();
        foreach (var query in Queries)
        {
            foreach (var line in await ReadColumnAsync(connectionString, query))
            {
                dump.AppendLine(line);
            }
        }

        return dump.ToString();
    }

    public static async Task<List<string>> ReadColumnAsync(string connectionString, string query)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString() ?? string.Empty);
        }

        return values;
    }
}
