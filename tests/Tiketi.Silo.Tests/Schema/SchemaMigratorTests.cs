using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tiketi.Silo.Schema;
using Tiketi.TestSupport;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresServer postgres) : IAsyncLifetime
{
    // The keys the Orleans 10.4 ADO.NET providers read from orleansquery.
    private static readonly string[] OrleansQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private readonly SchemaMigrator _migrator = new(NullLogger<SchemaMigrator>.Instance);
    private readonly List<string> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_CreatesOrleansAndTiketiTablesAndQueries()
    {
        var database = await CreateDatabaseAsync("migrate_empty");

        var applied = await _migrator.MigrateAsync(database);

        Assert.Equal(
            ["0001_orleans_membership.sql", "0002_orleans_storage.sql", "0003_orleans_reminders.sql", "0004_tiketi_storage.sql"],
            applied.Select(name => name[SchemaMigrator.ScriptPrefix.Length..]));
        var tables = await SchemaSnapshot.ReadColumnAsync(database,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        Assert.Equal(
            ["orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable",
             "orleansstorage", "tiketi_grain_state", "tiketi_journal_record", "tiketi_journal_snapshot",
             SchemaMigrator.JournalTable],
            tables);
        var keys = await SchemaSnapshot.ReadColumnAsync(database, "SELECT querykey FROM orleansquery");
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_ChangesNothing()
    {
        var database = await CreateDatabaseAsync("migrate_twice");
        await _migrator.MigrateAsync(database);
        var before = await SchemaSnapshot.TakeAsync(database);

        var applied = await _migrator.MigrateAsync(database);

        Assert.Empty(applied);
        Assert.Equal(before, await SchemaSnapshot.TakeAsync(database));
    }

    [Fact]
    public async Task MigrateAsync_MissingDatabaseWithCreate_CreatesAndMigrates()
    {
        var name = $"migrate_create_{Guid.NewGuid():N}";
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
        _databases.Add(missing);

        var applied = await _migrator.MigrateAsync(missing, createDatabase: true);

        Assert.Equal(4, applied.Count);
    }

    [Fact]
    public async Task MigrateAsync_MissingDatabaseWithoutCreate_FailsNamingTheDatabase()
    {
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "tiketi_absent" };

        var error = await Assert.ThrowsAsync<DatabaseMissingException>(
            () => _migrator.MigrateAsync(missing.ConnectionString));

        Assert.Contains($":{missing.Port}/tiketi_absent does not exist", error.Message);
    }

    [Fact]
    public async Task MigrateAsync_UnreachableServer_FailsFastNamingHostAndPort()
    {
        var port = FreePort.Next();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=tiketi;Username=tiketi;Password=s3cret-pw";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => _migrator.MigrateAsync(connectionString));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.StartsWith($"Cannot connect to PostgreSQL at 127.0.0.1:{port}/tiketi", error.Message);
        Assert.DoesNotContain("s3cret-pw", error.ToString());
    }

    private async Task<string> CreateDatabaseAsync(string name)
    {
        var database = await postgres.CreateDatabaseAsync(name);
        _databases.Add(database);
        return database;
    }
}
