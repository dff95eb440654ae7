using Microsoft.Extensions.DependencyInjection;
using Tiketi.Silo.Tests.Cluster;
using Tiketi.TestSupport.Postgres;

namespace Tiketi.Silo.Tests.Contract;

/// <summary>The silo's ADO.NET reminder table against our stored queries: etags and hash ranges.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderTableContractTests(PostgresServer postgres)
{
    [Fact]
    public async Task RemoveRow_StaleETag_KeepsReminder()
    {
        await using var cluster = await StartAsync("reminders_etag");
        var table = cluster.Silos[0].Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("counter", "etag");
        var first = await table.UpsertRow(Reminder(grainId, "r"));
        var second = await table.UpsertRow(Reminder(grainId, "r"));

        Assert.NotEqual(first, second);
        Assert.False(await table.RemoveRow(grainId, "r", first!));
        Assert.Equal(second, (await table.ReadRow(grainId, "r"))?.ETag);
        Assert.True(await table.RemoveRow(grainId, "r", second!));
        Assert.Null(await table.ReadRow(grainId, "r"));
    }

    [Fact]
    public async Task ReadRows_HashRanges_SelectByRingOwnership()
    {
        await using var cluster = await StartAsync("reminders_range");
        var table = cluster.Silos[0].Services.GetRequiredService<IReminderTable>();
        var a = GrainId.Create("counter", "a");
        var b = GrainId.Create("counter", "b");
        await table.UpsertRow(Reminder(a, "r"));
        await table.UpsertRow(Reminder(b, "r"));
        var hash = a.GetUniformHashCode();

        // (hash - 1, hash] holds only a; (hash, hash - 1] wraps round the ring and holds all but a.
        var onlyA = await table.ReadRows(hash - 1, hash);
        var allButA = await table.ReadRows(hash, hash - 1);
        var everything = await table.ReadRows(hash, hash);

        Assert.Equal([a], onlyA.Reminders.Select(r => r.GrainId));
        Assert.Equal([b], allButA.Reminders.Select(r => r.GrainId));
        Assert.Equal(2, everything.Reminders.Count);
        Assert.Equal(2, (await table.ReadRows(a)).Reminders.Count + (await table.ReadRows(b)).Reminders.Count);
    }

    private async Task<PostgresCluster> StartAsync(string name)
    {
        var cluster = await PostgresCluster.CreateAsync(postgres, name);
        await cluster.StartSiloAsync();
        return cluster;
    }

    // Period beyond int milliseconds: the column must hold it.
    private static ReminderEntry Reminder(GrainId grainId, string name) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = TimeSpan.FromDays(30),
    };
}
