using Npgsql;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresServer postgres)
{
    private const int ActiveStatus = 3;

    [Fact]
    public async Task UseTiketiPostgres_TwoSilos_BothActiveInMembershipTable()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "cluster_two");
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();

        var statuses = await ReadIntsAsync(cluster.ConnectionString,
            "SELECT status FROM orleansmembershiptable WHERE deploymentid = @id", cluster.ClusterId);

        Assert.Equal([ActiveStatus, ActiveStatus], statuses);
        var hosts = await cluster.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
    }

    [Fact]
    public async Task GrainState_FullClusterRestart_Survives()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "cluster_restart");
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.Grains.GetGrain<ICounterGrain>("survivor").AddAsync(5);
        await cluster.Grains.GetGrain<ICounterGrain>("survivor").AddAsync(2);

        await cluster.StopSilosAsync();
        await cluster.StartSiloAsync();

        Assert.Equal(7, await cluster.Grains.GetGrain<ICounterGrain>("survivor").GetAsync());
        // Two writes: inserted as version 1, updated to 2.
        var versions = await ReadIntsAsync(cluster.ConnectionString,
            "SELECT version::int FROM tiketi_grain_state WHERE service_id = @id AND grain_id LIKE '%/survivor'",
            cluster.ClusterId);
        Assert.Equal([2], versions);
    }

    [Fact]
    public async Task Reminder_RegisteredByGrain_IsStoredAndFires()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "cluster_reminder");
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        var grain = cluster.Grains.GetGrain<ICounterGrain>("ticker");

        await grain.StartTickingAsync();

        var names = await ReadIntsAsync(cluster.ConnectionString,
            $"SELECT count(*)::int FROM orleansreminderstable WHERE serviceid = @id AND remindername = '{CounterGrain.TickReminder}' AND grainid LIKE '%/ticker'",
            cluster.ClusterId);
        Assert.Equal([1], names);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await grain.GetTicksAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(await grain.GetTicksAsync() > 0, "the reminder did not fire within 30 s");
    }

    [Fact]
    public async Task UseTiketiPostgresClustering_Client_FindsGatewaysAndCallsGrain()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "cluster_client");
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();

        var client = await cluster.StartClientAsync();

        Assert.Equal(3, await client.GetGrain<ICounterGrain>("from-client").AddAsync(3));
        Assert.Equal(3, await cluster.Grains.GetGrain<ICounterGrain>("from-client").GetAsync());
    }

    private static async Task<List<int>> ReadIntsAsync(string connectionString, string sql, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<int>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt32(0));
        }

        return values;
    }
}
