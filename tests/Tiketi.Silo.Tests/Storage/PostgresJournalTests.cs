using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Tiketi.Grains.Tests.Storage;
using Tiketi.Silo.Schema;
using Tiketi.Silo.Storage;
using Tiketi.Storage;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>The journal contract (shared with the in-memory journal) on PostgreSQL, through the silo's committers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalTests(PostgresServer postgres) : GrainJournalContract, IAsyncLifetime
{
    private string _connectionString = "";
    private StorageCommitter _committer = null!;

    protected override IGrainJournal Journal => new PostgresGrainJournal(_committer);

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("journal");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(_connectionString);
        _committer = Committer(_connectionString, "journal-tests");
    }

    public async Task DisposeAsync()
    {
        await _committer.DisposeAsync();
        await postgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Load_AnotherServiceOnTheSameDatabase_SeesNothingOfIt()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });
        await using var other = Committer(_connectionString, "another-service");

        var theirs = new PostgresGrainJournal(other);

        Assert.Empty((await theirs.LoadAsync(id)).Records);
        await theirs.AppendAsync(id, 0, new byte[] { 2 });
        Assert.Equal([1], Assert.Single((await Journal.LoadAsync(id)).Records).Payload.ToArray());
    }

    [Fact]
    public async Task Append_SameRecordSentAgain_IsTheFirstAppendNotAConflict()
    {
        // What a committer does when the acknowledgement of a committed batch was lost: it sends it again.
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1, 2, 3 });

        await Journal.AppendAsync(id, 0, new byte[] { 1, 2, 3 });

        Assert.Single((await Journal.LoadAsync(id)).Records);
    }

    internal static StorageCommitter Committer(string connectionString, string serviceId, Action<PostgresStorageOptions>? configure = null)
    {
        var options = new PostgresStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        return new StorageCommitter(
            Options.Create(options), Options.Create(new ClusterOptions { ServiceId = serviceId }),
            new StorageOutage(NullLogger<StorageOutage>.Instance, TimeProvider.System));
    }
}
