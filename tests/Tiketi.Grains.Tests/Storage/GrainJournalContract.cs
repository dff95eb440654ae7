using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Storage;

/// <summary>
/// The <see cref="IGrainJournal"/> contract, one set of cases for every implementation: the in-memory
/// journal here, PostgreSQL's in Tiketi.Silo.Tests (which compiles this file too).
/// </summary>
public abstract class GrainJournalContract
{
    protected abstract IGrainJournal Journal { get; }

    [Fact]
    public async Task Load_NewJournal_IsEmptyAndStartsAtZero()
    {
        var contents = await Journal.LoadAsync(NewId());

        Assert.Null(contents.Snapshot);
        Assert.Empty(contents.Records);
        Assert.Equal(0, contents.NextSequence);
    }

    [Fact]
    public async Task Append_InSequence_LoadsInOrder()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });
        await Journal.AppendAsync(id, 1, new byte[] { 2, 2 });

        var contents = await Journal.LoadAsync(id);

        Assert.Equal([0L, 1L], contents.Records.Select(r => r.Sequence));
        Assert.Equal([2, 2], contents.Records[1].Payload.ToArray());
        Assert.Equal(2, contents.NextSequence);
    }

    [Fact]
    public async Task Append_TakenSequence_ConflictsAndKeepsTheFirst()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(id, 0, new byte[] { 9 }));

        var contents = await Journal.LoadAsync(id);
        Assert.Equal([1], Assert.Single(contents.Records).Payload.ToArray());
    }

    [Fact]
    public async Task Append_PastTheEnd_ConflictsAndLeavesNoGap()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(id, 2, new byte[] { 3 }));

        Assert.Equal(1, (await Journal.LoadAsync(id)).NextSequence);
    }

    [Fact]
    public async Task Snapshot_DropsCoveredRecordsAndAppendsContinue()
    {
        var id = NewId();
        for (var i = 0; i < 3; i++)
        {
            await Journal.AppendAsync(id, i, new[] { (byte)i });
        }

        await Journal.SnapshotAsync(id, 2, new byte[] { 7, 7 });
        await Journal.AppendAsync(id, 3, new byte[] { 3 });
        var contents = await Journal.LoadAsync(id);

        Assert.Equal(2, contents.SnapshotSequence);
        Assert.Equal([7, 7], contents.Snapshot!.Value.ToArray());
        Assert.Equal([2L, 3L], contents.Records.Select(r => r.Sequence));
        Assert.Equal(4, contents.NextSequence);
    }

    [Fact]
    public async Task Snapshot_OfEverything_AppendsContinueAfterIt()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });
        await Journal.AppendAsync(id, 1, new byte[] { 2 });

        await Journal.SnapshotAsync(id, 2, new byte[] { 9 });
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(id, 1, new byte[] { 5 }));
        await Journal.AppendAsync(id, 2, new byte[] { 3 });

        var contents = await Journal.LoadAsync(id);
        Assert.Equal([2L], contents.Records.Select(r => r.Sequence));
        Assert.Equal(3, contents.NextSequence);
    }

    [Fact]
    public async Task Snapshot_OlderThanStored_Conflicts()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });
        await Journal.SnapshotAsync(id, 1, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.SnapshotAsync(id, 0, new byte[] { 0 }));
    }

    [Fact]
    public async Task Snapshot_PastTheEnd_Conflicts()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.SnapshotAsync(id, 2, new byte[] { 2 }));

        Assert.Null((await Journal.LoadAsync(id)).Snapshot);
    }

    [Fact]
    public async Task Clear_ForgetsEverything()
    {
        var id = NewId();
        await Journal.AppendAsync(id, 0, new byte[] { 1 });
        await Journal.SnapshotAsync(id, 1, new byte[] { 1 });

        await Journal.ClearAsync(id);

        var contents = await Journal.LoadAsync(id);
        Assert.Equal(0, contents.NextSequence);
        Assert.Null(contents.Snapshot);
        await Journal.AppendAsync(id, 0, new byte[] { 4 });
    }

    [Fact]
    public async Task Load_ManyRecordsOfManySizes_ReturnsEachByteInOrder()
    {
        var id = NewId();
        var records = Enumerable.Range(0, 300).Select(i => Enumerable.Range(0, i % 7 == 0 ? 70_000 + i : i).Select(b => (byte)(b + i)).ToArray()).ToList();
        for (var i = 0; i < records.Count; i++)
        {
            await Journal.AppendAsync(id, i, records[i]);
        }

        var contents = await Journal.LoadAsync(id);

        Assert.Equal(records.Count, contents.Records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i, contents.Records[i].Sequence);
            Assert.True(records[i].AsSpan().SequenceEqual(contents.Records[i].Payload.Span), $"record {i}");
        }
    }

    protected static string NewId() => "test/" + Guid.NewGuid().ToString("N");
}
