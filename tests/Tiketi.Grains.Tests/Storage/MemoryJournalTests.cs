using Microsoft.Extensions.DependencyInjection;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Storage;

/// <summary>The journal contract, on the in-memory journal the embedded host and cluster tests use.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class MemoryJournalTests(SaleClusterFixture fixture)
{
    private readonly MemoryGrainJournal _journal = new(fixture.Client);

    [Fact]
    public async Task Load_NewJournal_IsEmptyAndStartsAtZero()
    {
        var contents = await _journal.LoadAsync(NewId());

        Assert.Null(contents.Snapshot);
        Assert.Empty(contents.Records);
        Assert.Equal(0, contents.NextSequence);
    }

    [Fact]
    public async Task Append_InSequence_LoadsInOrder()
    {
        var id = NewId();
        await _journal.AppendAsync(id, 0, new byte[] { 1 });
        await _journal.AppendAsync(id, 1, new byte[] { 2, 2 });

        var contents = await _journal.LoadAsync(id);

        Assert.Equal([0L, 1L], contents.Records.Select(r => r.Sequence));
        Assert.Equal([2, 2], contents.Records[1].Payload.ToArray());
        Assert.Equal(2, contents.NextSequence);
    }

    [Fact]
    public async Task Append_TakenSequence_ConflictsAndKeepsTheFirst()
    {
        var id = NewId();
        await _journal.AppendAsync(id, 0, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.AppendAsync(id, 0, new byte[] { 9 }));

        var contents = await _journal.LoadAsync(id);
        Assert.Equal([1], Assert.Single(contents.Records).Payload.ToArray());
    }

    [Fact]
    public async Task Snapshot_DropsCoveredRecordsAndAppendsContinue()
    {
        var id = NewId();
        for (var i = 0; i < 3; i++)
        {
            await _journal.AppendAsync(id, i, new[] { (byte)i });
        }

        await _journal.SnapshotAsync(id, 2, new byte[] { 7, 7 });
        await _journal.AppendAsync(id, 3, new byte[] { 3 });
        var contents = await _journal.LoadAsync(id);

        Assert.Equal(2, contents.SnapshotSequence);
        Assert.Equal([7, 7], contents.Snapshot!.Value.ToArray());
        Assert.Equal([2L, 3L], contents.Records.Select(r => r.Sequence));
        Assert.Equal(4, contents.NextSequence);
    }

    [Fact]
    public async Task Snapshot_OlderThanStored_Conflicts()
    {
        var id = NewId();
        await _journal.AppendAsync(id, 0, new byte[] { 1 });
        await _journal.SnapshotAsync(id, 1, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.SnapshotAsync(id, 0, new byte[] { 0 }));
    }

    [Fact]
    public async Task Clear_ForgetsEverything()
    {
        var id = NewId();
        await _journal.AppendAsync(id, 0, new byte[] { 1 });
        await _journal.SnapshotAsync(id, 1, new byte[] { 1 });

        await _journal.ClearAsync(id);

        Assert.Equal(0, (await _journal.LoadAsync(id)).NextSequence);
    }

    [Fact]
    public void SaleEngine_WithoutADurableJournal_UsesTheMemoryJournal()
    {
        var services = new ServiceCollection().AddSaleEngine();

        Assert.Equal(typeof(MemoryGrainJournal), services.Single(s => s.ServiceType == typeof(IGrainJournal)).ImplementationType);
    }

    private static string NewId() => "test/" + Guid.NewGuid().ToString("N");
}
