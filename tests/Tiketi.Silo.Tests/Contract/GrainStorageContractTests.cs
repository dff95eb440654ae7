using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Tiketi.Accounts;
using Tiketi.Silo.Storage;
using Tiketi.Silo.Tests.Cluster;
using Tiketi.Silo.Tests.Storage;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Contract;

/// <summary>The silo's grain storage (both provider names) against PostgreSQL: the IGrainStorage contract, formats, scoping.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStorageContractTests(PostgresServer postgres)
{
    private const string StateName = "state";

    [Fact]
    public async Task ReadStateAsync_NeverWritten_FreshStateWithoutRecordOrETag()
    {
        await using var cluster = await StartAsync("storage_missing");
        var read = new GrainState<AccountState>(new AccountState { PasswordHash = "left over" });

        await Storage(cluster).ReadStateAsync(StateName, GrainId.Create("account", "nobody"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State!.PasswordHash);
    }

    [Fact]
    public async Task WriteStateAsync_AccountState_ReadsBackEqualFromVersionedBinaryRow()
    {
        await using var cluster = await StartAsync("storage_roundtrip");
        var grainId = GrainId.Create("account", "ada");
        var created = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.FromHours(1));
        var written = new GrainState<AccountState>(new AccountState
        {
            PasswordHash = "$2a$12$hash",
            Families = { ["f1"] = new RefreshFamily { CurrentHash = "h2", UsedHashes = ["h1"], CreatedAt = created, ExpiresAt = created.AddDays(14) } },
        });

        await Storage(cluster).WriteStateAsync(StateName, grainId, written);
        var read = new GrainState<AccountState>(new AccountState());
        await Storage(cluster).ReadStateAsync(StateName, grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("$2a$12$hash", read.State!.PasswordHash);
        var family = Assert.Single(read.State!.Families).Value;
        Assert.Equal(["h1"], family.UsedHashes);
        Assert.Equal(created.AddDays(14), family.ExpiresAt);

        // "TK" and format version 1, then Orleans' binary serializer: no JSON, no type names.
        var payload = await Database.ScalarAsync<byte[]>(cluster.ConnectionString,
            "SELECT payload FROM tiketi_grain_state WHERE service_id = $1 AND grain_id = $2", cluster.ClusterId, grainId.ToString());
        Assert.Equal([(byte)'T', (byte)'K', 1], payload[..3]);
        Assert.DoesNotContain("Tiketi.Accounts", System.Text.Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentState()
    {
        await using var cluster = await StartAsync("storage_etag");
        var storage = Storage(cluster);
        var grainId = GrainId.Create("counter", "etag");
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(StateName, grainId, first);
        var stale = new GrainState<CounterState>(new CounterState { Value = 2 }) { ETag = first.ETag };
        await storage.WriteStateAsync(StateName, grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));
        var fresh = new GrainState<CounterState>(new CounterState());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, fresh));
        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal((1, "2"), (read.State!.Value, read.ETag));
    }

    [Fact]
    public async Task ClearStateAsync_WrittenState_ReadsBackEmptyAndCanBeWrittenAgain()
    {
        await using var cluster = await StartAsync("storage_clear");
        var storage = Storage(cluster);
        var grainId = GrainId.Create("counter", "clear");
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Equal(0, state.State!.Value);
        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
        Assert.Equal(state.ETag, read.ETag);
        read.State = new CounterState { Value = 9 };
        await storage.WriteStateAsync(StateName, grainId, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, state));
    }

    [Fact]
    public async Task PubSubStore_IsTiketiStorageAndRoundTripsState()
    {
        await using var cluster = await StartAsync("storage_pubsub");
        var storage = Storage(cluster, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);
        var grainId = GrainId.Create("pubsubrendezvous", "stream");
        await storage.WriteStateAsync("pubsub", grainId, new GrainState<CounterState>(new CounterState { Value = 4 }));

        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("pubsub", grainId, read);

        Assert.IsType<PostgresGrainStorage>(storage);
        Assert.True(read.RecordExists);
        Assert.Equal(4, read.State!.Value);
    }

    [Fact]
    public async Task ReadStateAsync_AnotherServiceOnTheSameDatabase_SeesNothingOfIt()
    {
        await using var first = await StartAsync("storage_services");
        await using var second = first.AnotherService("other");
        await second.StartSiloAsync();
        var grainId = GrainId.Create("counter", "shared-key");
        var mine = new GrainState<CounterState>(new CounterState { Value = 1 });
        await Storage(first).WriteStateAsync(StateName, grainId, mine);

        var theirs = new GrainState<CounterState>(new CounterState());
        await Storage(second).ReadStateAsync(StateName, grainId, theirs);
        Assert.False(theirs.RecordExists);
        theirs.State!.Value = 2;
        await Storage(second).WriteStateAsync(StateName, grainId, theirs);

        var again = new GrainState<CounterState>(new CounterState());
        await Storage(first).ReadStateAsync(StateName, grainId, again);
        Assert.Equal((1, "1"), (again.State!.Value, again.ETag));
    }

    [Fact]
    public async Task ReadStateAsync_RowWrittenByTheAdoNetProvider_ReadOnceThenMovedToTheBinaryTable()
    {
        await using var cluster = await StartAsync("storage_legacy");
        var grainId = GrainId.Create("account", "upgraded");

        // What versions before the binary format wrote: Orleans' ADO.NET provider, Newtonsoft JSON with type names.
        var legacy = Storage(cluster, LegacyStateReader.ProviderName(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        await legacy.WriteStateAsync(StateName, grainId, new GrainState<AccountState>(new AccountState { PasswordHash = "paid-before-upgrade" }));
        Assert.Contains("Tiketi.Accounts.AccountState", await LegacyPayloadAsync(cluster), StringComparison.Ordinal);

        // The upgrade: silos of this version start on a database that holds rows of the old one.
        await cluster.StopSilosAsync();
        await cluster.StartSiloAsync();

        var read = new GrainState<AccountState>(new AccountState());
        await Storage(cluster).ReadStateAsync(StateName, grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal("paid-before-upgrade", read.State!.PasswordHash);

        read.State!.PasswordHash = "changed-after-upgrade";
        await Storage(cluster).WriteStateAsync(StateName, grainId, read);

        Assert.Equal(0L, await Database.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM orleansstorage WHERE serviceid = $1", cluster.ClusterId));
        var reread = new GrainState<AccountState>(new AccountState());
        await Storage(cluster).ReadStateAsync(StateName, grainId, reread);
        Assert.Equal(("changed-after-upgrade", "1"), (reread.State!.PasswordHash, reread.ETag));
    }

    private async Task<PostgresCluster> StartAsync(string name)
    {
        var cluster = await PostgresCluster.CreateAsync(postgres, name);
        await cluster.StartSiloAsync();
        return cluster;
    }

    private static async Task<string> LegacyPayloadAsync(PostgresCluster cluster) =>
        System.Text.Encoding.UTF8.GetString(await Database.ScalarAsync<byte[]>(cluster.ConnectionString,
            "SELECT payloadbinary FROM orleansstorage WHERE serviceid = $1", cluster.ClusterId));

    private static IGrainStorage Storage(PostgresCluster cluster, string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) =>
        cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(name);
}
