using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Tiketi.Silo.Hosting;
using Tiketi.Silo.Schema;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Contract;

/// <summary>
/// Orleans' own ADO.NET membership table and gateway list provider against our stored queries:
/// the version (etag) rules of the membership protocol and both clean-up paths.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipTableContractTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-2);
    private readonly ClusterOptions _cluster = new() { ClusterId = "contract", ServiceId = "contract" };
    private string _connectionString = string.Empty;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => postgres.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task InsertRow_StaleTableVersion_IsRejected()
    {
        var table = await CreateTableAsync("membership_insert");
        var seen = (await table.ReadAllAsync()).Version;

        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Joining), seen.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), seen.Next()));

        var all = await table.ReadAllAsync();
        Assert.Single(all.Members);
        Assert.Equal(seen.Version + 1, all.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_CurrentVersion_StoresStatusAndSuspectTimes()
    {
        var table = await CreateTableAsync("membership_update");
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var (_, etag) = (await table.ReadRowAsync(entry.SiloAddress)).Members[0];
        var seen = (await table.ReadAllAsync()).Version;
        entry.Status = SiloStatus.Active;
        entry.AddOrUpdateSuspector(Entry(22222, SiloStatus.Active).SiloAddress, LongAgo, 10);

        Assert.True(await table.UpdateRowAsync(entry, etag, seen.Next()));
        Assert.False(await table.UpdateRowAsync(entry, etag, seen.Next()));

        var (stored, _) = (await table.ReadRowAsync(entry.SiloAddress)).Members[0];
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(22222, Assert.Single(stored.SuspectTimes!).Item1.Endpoint.Port);
    }

    [Fact]
    public async Task UpdateIAmAlive_KeepsTableVersion()
    {
        var table = await CreateTableAsync("membership_alive");
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = (await table.ReadAllAsync()).Version.Version;
        entry.IAmAliveTime = DateTime.UtcNow.AddMinutes(1);

        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadAllAsync();
        Assert.Equal(before, after.Version.Version);
        Assert.Equal(entry.IAmAliveTime, after.Members[0].Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_OldDeadEntry_IsRemovedOthersStay()
    {
        var table = await CreateTableAsync("membership_cleanup");
        var active = Entry(11111, SiloStatus.Active);
        var dead = Entry(22222, SiloStatus.Dead, LongAgo);
        dead.AddOrUpdateSuspector(active.SiloAddress, LongAgo, 10);
        Assert.True(await table.InsertRowAsync(active, (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync()).Version.Next()));
        var (_, etag) = (await table.ReadRowAsync(dead.SiloAddress)).Members[0];
        Assert.True(await table.UpdateRowAsync(dead, etag, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var (remaining, _) = Assert.Single((await table.ReadAllAsync()).Members);
        Assert.Equal(active.SiloAddress, remaining.SiloAddress);
    }

    [Fact]
    public async Task GetGateways_ActiveAndDeadSilos_ListsOnlyActive()
    {
        var table = await CreateTableAsync("membership_gateways");
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(Entry(22222, SiloStatus.Dead), (await table.ReadAllAsync()).Version.Next()));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance, new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions
            {
                Invariant = PostgresSiloBuilderExtensions.Invariant,
                ConnectionString = _connectionString,
            }),
            Options.Create(new GatewayOptions()), Options.Create(_cluster));
        await gateways.InitializeGatewayListProvider();

        var uri = Assert.Single(await gateways.GetGateways());

        Assert.Equal(11112, uri.Port);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_Cluster_RemovesMembersAndVersion()
    {
        var table = await CreateTableAsync("membership_delete");
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(_cluster.ClusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var all = await table.ReadAllAsync();
        Assert.Empty(all.Members);
        Assert.Equal(0, all.Version.Version);
    }

    private async Task<AdoNetClusteringTable> CreateTableAsync(string name)
    {
        _connectionString = await postgres.CreateDatabaseAsync(name);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(_connectionString);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(), Options.Create(_cluster),
            Options.Create(new AdoNetClusteringSiloOptions
            {
                Invariant = PostgresSiloBuilderExtensions.Invariant,
                ConnectionString = _connectionString,
            }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? time = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "localhost",
        Status = status,
        ProxyPort = port + 1,
        StartTime = time ?? DateTime.UtcNow,
        IAmAliveTime = time ?? DateTime.UtcNow,
    };
}
