using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>The block grain on its journal: a reactivation serves exactly what the last one did, and a second writer stops the first.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class SeatBlockJournalTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);
    private readonly MemoryGrainJournal _journal = new(fixture.Client);

    [Fact]
    public async Task Reactivate_AfterConcurrentRandomCommands_ServesTheSameSeatsAllocationsAuditAndVersion()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 8, seatsPerRow: 12));
        var block = fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1"));
        var expires = fixture.Clock.GetUtcNow().AddMinutes(7);

        // Buyers race on the block; each runs its own random mix, so the writes batch many commands.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async buyer =>
        {
            var random = new Random(buyer);
            for (var i = 0; i < 12; i++)
            {
                var holdId = $"o{buyer}x{i}";
                var held = await block.HoldAsync(new HoldCommand(holdId, $"b{buyer}", HoldSelection.Best("std", random.Next(1, 4)), expires));
                if (!held.IsSuccess)
                {
                    continue;
                }

                switch (random.Next(4))
                {
                    case 0:
                        await block.ReleaseAsync(holdId, ReleaseReason.BuyerReleased);
                        break;
                    case 1:
                        await block.ConfirmAsync(holdId);
                        await block.ReturnSoldAsync(holdId);
                        break;
                    case 2:
                        await block.ConfirmAsync(holdId);
                        break;
                }
            }
        }));
        var before = await ReadAsync(block);

        await fixture.Cluster.DeactivateAsync(block);
        var after = await ReadAsync(block);

        Assert.Equal(before, after);
        var contents = await _journal.LoadAsync(BlockJournal.IdOf(GrainKeys.Block(eventId, "B1")));
        Assert.True(contents.NextSequence < 24 * 12, $"{contents.NextSequence} records for up to {24 * 12 * 3} commands: writes did not batch");
    }

    [Fact]
    public async Task Hold_AfterAnotherActivationWroteItsJournal_FailsWritesNothingAndTheNextActivationServesTheirs()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 6));
        var key = GrainKeys.Block(eventId, "B1");
        var block = fixture.Client.GetGrain<ISeatBlockGrain>(key);
        var expires = fixture.Clock.GetUtcNow().AddMinutes(7);
        Assert.True((await block.HoldAsync(new HoldCommand("first", "b1", HoldSelection.Seats("A-1"), expires))).IsSuccess);

        // Another activation (a split brain) appends its own record first: it sold A-6 to "theirs".
        var codec = new BlockRecordCodec(fixture.Client.ServiceProvider.GetRequiredService<Serializer<BlockDefinition>>());
        var journalId = BlockJournal.IdOf(key);
        var contents = await _journal.LoadAsync(journalId);
        var theirs = new SeatBlockState();
        if (contents.Snapshot is { } snapshot)
        {
            codec.Apply(snapshot, theirs);
        }

        foreach (var record in contents.Records)
        {
            codec.Apply(record.Payload, theirs);
        }

        theirs.Version++;
        theirs.Allocations["theirs"] = new Allocation { BuyerId = "b2", Status = AllocationStatus.Sold, Seats = [5], ExpiresAt = expires };
        var changes = new BlockChanges();
        changes.Hold("theirs");
        await _journal.AppendAsync(journalId, contents.NextSequence, codec.EncodeChanges(theirs, changes));

        await Assert.ThrowsAnyAsync<Exception>(() => block.HoldAsync(new HoldCommand("second", "b1", HoldSelection.Seats("A-2"), expires)));

        Assert.Equal(contents.NextSequence + 1, (await _journal.LoadAsync(journalId)).NextSequence);
        await Eventually.TrueAsync(async () => (await block.GetAllocationsAsync()).Any(a => a.HoldId == "theirs"), TimeSpan.FromSeconds(5));
        var allocations = await block.GetAllocationsAsync();
        Assert.Equal(["first", "theirs"], allocations.Select(a => a.HoldId).Order());
        Assert.Equal((byte)SeatStatus.Sold, (await block.GetSnapshotAsync()).Seats[5]);
        Assert.True((await block.HoldAsync(new HoldCommand("second", "b1", HoldSelection.Seats("A-2"), expires))).IsSuccess);
    }

    [Fact]
    public async Task Activate_BlockKeptInItsGrainStateRowBeforeTheJournal_ServesItFromTheJournalAndDeletesTheRow()
    {
        var key = GrainKeys.Block(SaleFactory.NewId("ev"), "B1");
        var block = fixture.Client.GetGrain<ISeatBlockGrain>(key);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sale);
        var expires = fixture.Clock.GetUtcNow().AddMinutes(7);
        var audit = new BlockAuditState();
        (audit.Tallies[0], audit.Tallies[1], audit.Tallies[10], audit.Tallies[11]) = (2, 2, 1, 1);
        var old = new SeatBlockState
        {
            Definition = BlockDefinition.Reserved("B1", "Block 1", RowDefinition.Of("A", 4, "std")),
            CategoryIds = ["std", "ga"],
            Seats = [(byte)SeatStatus.Sold, (byte)SeatStatus.Held, 0, 0],
            AreaCapacity = [0, 0],
            Allocations =
            {
                ["paid"] = new Allocation { BuyerId = "b1", Status = AllocationStatus.Sold, Seats = [0], ExpiresAt = expires },
                ["held"] = new Allocation { BuyerId = "b2", Status = AllocationStatus.Held, Seats = [1], ExpiresAt = expires },
            },
            Version = 7,
            Audit = audit,
        };
        await storage.WriteStateAsync(LegacyBlockRow.StateName, block.GetGrainId(), new GrainState<SeatBlockState>(old));

        var snapshot = await block.GetSnapshotAsync();

        Assert.Equal(7, snapshot.Version);
        Assert.Equal([(byte)SeatStatus.Sold, (byte)SeatStatus.Held, 0, 0], snapshot.Seats.ToArray());
        Assert.Equal(new InventoryCounts(2, 1, 1), snapshot.Counts["std"]);
        Assert.Equal(new Tiketi.Audit.HoldTally(2, 2), (await block.GetAuditAsync()).Holds.Placed);
        Assert.Equal(Reasons.SeatTaken, (await block.HoldAsync(new HoldCommand("late", "b3", HoldSelection.Seats("A-2"), expires))).Code);
        Assert.Equal(1, (await _journal.LoadAsync(BlockJournal.IdOf(key))).NextSequence);
        var row = new GrainState<SeatBlockState>(new SeatBlockState());
        await storage.ReadStateAsync(LegacyBlockRow.StateName, block.GetGrainId(), row);
        Assert.False(row.RecordExists);

        Assert.True((await block.ConfirmAsync("held")).IsSuccess);
        await fixture.Cluster.DeactivateAsync(block);
        Assert.Equal(["held", "paid"], (await block.GetAllocationsAsync()).Where(a => a.Status == AllocationStatus.Sold).Select(a => a.HoldId).Order());
    }

    /// <summary>Everything a caller can read of a block, as one comparable string.</summary>
    private static async Task<string> ReadAsync(ISeatBlockGrain block)
    {
        var snapshot = await block.GetSnapshotAsync();
        var allocations = (await block.GetAllocationsAsync()).OrderBy(a => a.HoldId, StringComparer.Ordinal);
        var audit = await block.GetAuditAsync();
        return JsonSerializer.Serialize(new { snapshot.Version, Seats = snapshot.Seats.ToArray(), snapshot.Counts, allocations, audit });
    }
}
