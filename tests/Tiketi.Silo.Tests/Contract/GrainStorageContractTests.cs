using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Tiketi.Silo.Tests.Cluster;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Contract;

/// <summary>The silo's ADO.NET grain storage against our stored queries: etags, clear, both names.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStorageContractTests(PostgresServer postgres)
{
    private const string GrainType = "counter";

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentState()
    {
        await using var cluster = await StartAsync("storage_etag");
        var storage = Storage(cluster, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = GrainId.Create(GrainType, "etag");
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(GrainType, grainId, first);
        var stale = new GrainState<CounterState>(new CounterState { Value = 2 }) { ETag = first.ETag };
        await storage.WriteStateAsync(GrainType, grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, stale));
        var fresh = new GrainState<CounterState>(new CounterState());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, fresh));
    }

    [Fact]
    public async Task ClearStateAsync_WrittenState_ReadsBackEmptyAndCanBeWrittenAgain()
    {
        await using var cluster = await StartAsync("storage_clear");
        var storage = Storage(cluster, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = GrainId.Create(GrainType, "clear");
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });
        await storage.WriteStateAsync(GrainType, grainId, state);

        await storage.ClearStateAsync(GrainType, grainId, state);

        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(GrainType, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State?.Value);
        Assert.Equal(state.ETag, read.ETag);
        read.State = new CounterState { Value = 9 };
        await storage.WriteStateAsync(GrainType, grainId, read);
    }

    [Fact]
    public async Task PubSubStore_IsAdoNetAndRoundTripsState()
    {
        await using var cluster = await StartAsync("storage_pubsub");
        var storage = Storage(cluster, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);
        var grainId = GrainId.Create("pubsubrendezvous", "stream");
        await storage.WriteStateAsync("pubsubrendezvous", grainId, new GrainState<CounterState>(new CounterState { Value = 4 }));

        var read = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("pubsubrendezvous", grainId, read);

        Assert.IsType<AdoNetGrainStorage>(storage);
        Assert.True(read.RecordExists);
        Assert.Equal(4, read.State?.Value);
    }

    private async Task<PostgresCluster> StartAsync(string name)
    {
        var cluster = await PostgresCluster.CreateAsync(postgres, name);
        await cluster.StartSiloAsync();
        return cluster;
    }

    private static IGrainStorage Storage(PostgresCluster cluster, string name) =>
        cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(name);
}
