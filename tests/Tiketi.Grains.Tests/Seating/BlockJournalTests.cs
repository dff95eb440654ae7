using Tiketi.Events;
using Tiketi.Seating;
using Tiketi.Storage;
using Xunit.Abstractions;

namespace Tiketi.Grains.Tests.Seating;

/// <summary>
/// The block's journal without a cluster: what a reactivation rebuilds from snapshot and records is the live
/// block, a write costs the seats it touched, snapshots stay amortized, and a conflict writes nothing.
/// </summary>
public sealed class BlockJournalTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
    private static readonly string[] CategoryIds = ["vip", "std"];

    /// <summary>Rows A-F of 7: A is vip, B is 3 vip then 4 std, the rest std.</summary>
    private static readonly BlockDefinition Reserved = BlockDefinition.Reserved(
        "b1",
        "Block 1",
        RowDefinition.Of("A", 7, "vip"),
        new RowDefinition("B", [new SeatRun(3, "vip"), new SeatRun(4, "std")]),
        RowDefinition.Of("C", 7, "std"),
        RowDefinition.Of("D", 7, "std"),
        RowDefinition.Of("E", 7, "std"),
        RowDefinition.Of("F", 7, "std"));

    /// <summary>The same rows with seat marks: an aisle after seat 3, C-4 blocked, D-1/D-2 and E-6/E-7 wheelchair pairs.</summary>
    private static readonly BlockDefinition Marked = Reserved with
    {
        Rows = [.. Reserved.Rows.Select(row => row with
        {
            Marks = new SeatMarks(
                [3],
                row.Label == "C" ? [4] : [],
                row.Label switch { "D" => [new WheelchairSpace(1, 2)], "E" => [new WheelchairSpace(7, 6)], _ => [] }),
        })],
    };

    private static readonly BlockDefinition Floor = BlockDefinition.GeneralAdmission("b1", "Floor", new AreaCapacity("vip", 12), new AreaCapacity("std", 30));

    [Theory]
    [InlineData("reserved", 1)]
    [InlineData("reserved", 2)]
    [InlineData("reserved", 3)]
    [InlineData("marked", 6)]
    [InlineData("floor", 4)]
    [InlineData("floor", 5)]
    public async Task Load_AfterRandomCommandsWithReservationsAndRefunds_RebuildsTheLiveBlock(string layout, int seed)
    {
        var random = new Random(seed);
        var journal = new RecordingJournal();
        var now = T0;
        var live = await JournaledBlock.NewAsync(journal, layout switch { "reserved" => Reserved, "marked" => Marked, _ => Floor }, CategoryIds, now);
        var seatIds = "ABCDEF".SelectMany(r => Enumerable.Range(1, 7).Select(n => $"{r}-{n}")).ToArray();
        var compared = 0;

        for (var step = 0; step < 2_500; step++)
        {
            now = now.AddSeconds(random.Next(0, 15));
            var holdId = $"h{random.Next(0, 60)}";
            var inventory = live.Inventory;
            switch (random.Next(0, 12))
            {
                case 0:
                    var seats = random.Next(8) == 0
                        ? ["D-1", "D-2"]
                        : Enumerable.Range(0, random.Next(1, 4)).Select(_ => seatIds[random.Next(seatIds.Length)]).ToArray();
                    inventory.Hold(new HoldCommand(holdId, $"buyer-{holdId}", HoldSelection.Seats(seats), now.AddSeconds(random.Next(1, 300))), now);
                    break;
                case 1 or 2:
                    inventory.Hold(new HoldCommand(holdId, $"buyer-{holdId}", HoldSelection.Best(CategoryIds[random.Next(2)], random.Next(1, 5)), now.AddSeconds(random.Next(1, 300))), now);
                    break;
                case 3:
                    inventory.Release(holdId, (ReleaseReason)random.Next(0, 5));
                    break;
                case 4 or 5:
                    inventory.Confirm(holdId, now);
                    break;
                case 6:
                    inventory.ReturnSold(holdId);
                    break;
                case 7:
                    inventory.SweepExpired(now);
                    break;
                case 8:
                    inventory.SetWaitlistWanted(CategoryIds[random.Next(2)], random.Next(3) > 0);
                    break;
                case 9 or 10:
                    var reservations = live.State.Allocations.Where(a => a.Value.BuyerId == SeatInventory.WaitlistHolder).Select(a => a.Key).Order().ToList();
                    if (reservations.Count > 0)
                    {
                        var reservation = reservations[random.Next(reservations.Count)];
                        var category = live.State.CategoryIds[live.State.Allocations[reservation].Category];
                        var command = new HoldCommand(holdId, $"buyer-{holdId}", HoldSelection.Best(category, random.Next(1, 3)), now.AddSeconds(random.Next(1, 300)));
                        _ = random.Next(3) > 0 ? inventory.ClaimReservation(reservation, command, now).IsSuccess : inventory.ReleaseReservation(reservation);
                    }

                    break;
                default:
                    await live.FlushAsync(now);
                    break;
            }

            live.Committed(now);
            if (step % 250 == 249)
            {
                await live.FlushAsync(now);
                live.AssertSameAs(await JournaledBlock.LoadAsync(journal));
                compared++;
            }
        }

        live.Inventory.CancelAll();
        live.Committed(now);
        await live.FlushAsync(now);
        live.AssertSameAs(await JournaledBlock.LoadAsync(journal));
        Assert.Equal(10, compared);
        Assert.NotEmpty(journal.Snapshots);
        Assert.True(live.Inventory.Audit("ev", "b1").Holds.Returned.Holds > 0, "no refund was replayed");
    }

    [Fact]
    public async Task Load_ReservationsMadeAndClaimed_KeepTheirIdsAndGuardTime()
    {
        var journal = new RecordingJournal();
        var live = await JournaledBlock.NewAsync(journal, Reserved, CategoryIds, T0);
        live.Inventory.SetWaitlistWanted("std", true);
        Assert.True(live.Inventory.Hold(new HoldCommand("h1", "b", HoldSelection.Seats("C-1", "C-2", "C-3"), T0.AddMinutes(7)), T0).IsSuccess);
        Assert.True(live.Inventory.Confirm("h1", T0).IsSuccess);
        Assert.True(live.Inventory.ReturnSold("h1"));
        var reservation = Assert.Single(live.Inventory.TakeNewReservations(T0 + SeatInventory.ReservationGuard));
        Assert.True(live.Inventory.ClaimReservation(reservation.ReservationId, new HoldCommand("o1", "w", HoldSelection.Best("std", 1), T0.AddMinutes(7)), T0).IsSuccess);
        await live.FlushAsync(T0);

        var loaded = await JournaledBlock.LoadAsync(journal);

        live.AssertSameAs(loaded);
        Assert.Equal(T0 + SeatInventory.ReservationGuard, loaded.State.Allocations[reservation.ReservationId].ExpiresAt);
        Assert.Equal([15, 16], loaded.State.Allocations[reservation.ReservationId].Seats);
        Assert.Equal([14], loaded.State.Allocations["o1"].Seats);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_HoldOrConfirmOfTwoSeats_AppendsOneRecordOfTheSameSizeIn5000SeatsAsIn10(bool confirm)
    {
        var small = await RecordOneCommandAsync(rows: 1, seatsPerRow: 10, sold: 2, confirm);
        var large = await RecordOneCommandAsync(rows: 100, seatsPerRow: 50, sold: 2_400, confirm);

        output.WriteLine($"{(confirm ? "confirm" : "hold")} of 2 seats: {small} bytes in 10 seats, {large} bytes in 5,000 seats");

        // The large block's seat indexes and tallies take a few more varint bytes; nothing grows with the block.
        Assert.InRange(large, small, small + 16);
        Assert.InRange(large, 1, 160);
    }

    [Fact]
    public async Task Write_ThousandsOfCommands_SnapshotsKeepTheStoredRecordsNearTheStateAndCostAmortized()
    {
        var journal = new RecordingJournal();
        var now = T0;
        var live = await JournaledBlock.NewAsync(journal, Big(rows: 40, seatsPerRow: 50), ["std"], now);
        var random = new Random(7);
        for (var i = 0; i < 3_000; i++)
        {
            now = now.AddMilliseconds(200);
            var holdId = $"hold-{i:D5}";
            live.Inventory.Hold(new HoldCommand(holdId, "buyer", HoldSelection.Best("std", random.Next(1, 4)), now.AddMinutes(5)), now);
            _ = random.Next(3) == 0 ? live.Inventory.Release(holdId) : live.Inventory.Confirm(holdId, now).IsSuccess;
            if (i % 400 == 399)
            {
                // Refunds: state shrinks as well as grows.
                foreach (var sold in live.State.Allocations.Where(a => a.Value.Status == AllocationStatus.Sold).Take(150).Select(a => a.Key).ToList())
                {
                    live.Inventory.ReturnSold(sold);
                }
            }

            if (random.Next(3) == 0)
            {
                await live.FlushAsync(now);
                var bound = Math.Max(journal.SnapshotBytes, BlockJournal.MinSnapshotInterval) + journal.LastAppend.Length;
                Assert.True(journal.StoredRecordBytes <= bound, $"{journal.StoredRecordBytes} bytes of records after a snapshot of {journal.SnapshotBytes}");
            }
        }

        await live.FlushAsync(now);
        output.WriteLine($"{journal.Appends.Count} records, {journal.Appends.Sum()} bytes; {journal.Snapshots.Count} snapshots, {journal.Snapshots.Sum()} bytes");
        Assert.InRange(journal.Snapshots.Count, 2, journal.Appends.Count / 10);
        Assert.True(journal.Snapshots.Sum() <= (2L * journal.Appends.Sum()) + BlockJournal.MinSnapshotInterval, $"snapshots {journal.Snapshots.Sum()} bytes for {journal.Appends.Sum()} bytes of records");
        live.AssertSameAs(await JournaledBlock.LoadAsync(journal));
    }

    [Fact]
    public async Task Write_SequenceTakenByAnotherActivation_ConflictsAndAppendsNothing()
    {
        var journal = new RecordingJournal();
        var first = await JournaledBlock.NewAsync(journal, Reserved, CategoryIds, T0);
        var second = await JournaledBlock.LoadAsync(journal);
        Assert.True(second.Inventory.Hold(new HoldCommand("theirs", "b2", HoldSelection.Seats("A-1"), T0.AddMinutes(7)), T0).IsSuccess);
        await second.FlushAsync(T0);
        var appends = journal.Appends.Count;

        Assert.True(first.Inventory.Hold(new HoldCommand("mine", "b1", HoldSelection.Seats("A-1"), T0.AddMinutes(7)), T0).IsSuccess);
        await Assert.ThrowsAsync<JournalConflictException>(() => first.FlushAsync(T0));

        Assert.Equal(appends, journal.Appends.Count);
        var reloaded = await JournaledBlock.LoadAsync(journal);
        Assert.Equal(["theirs"], reloaded.State.Allocations.Keys);
    }

    [Fact]
    public void Apply_RecordOfAnotherFormat_IsRefusedRatherThanMisread()
    {
        var record = JournaledBlock.Codec.EncodeSnapshot(new SeatBlockState { Version = 3 });
        record[0] = BlockRecordCodec.Format + 1;

        Assert.Throws<InvalidDataException>(() => JournaledBlock.Codec.Apply(record, new SeatBlockState()));
    }

    /// <summary>The bytes one hold (then, if asked, its confirm) of two seats appends, in a block with <paramref name="sold"/> seats sold in pairs.</summary>
    private static async Task<int> RecordOneCommandAsync(int rows, int seatsPerRow, int sold, bool confirm)
    {
        var journal = new RecordingJournal();
        var live = await JournaledBlock.NewAsync(journal, Big(rows, seatsPerRow), ["std"], T0);
        for (var i = 0; i < sold / 2; i++)
        {
            var holdId = $"sold-{i:D8}";
            Assert.True(live.Inventory.Hold(new HoldCommand(holdId, "early-buyer", HoldSelection.Best("std", 2), T0.AddMinutes(7)), T0).IsSuccess);
            Assert.True(live.Inventory.Confirm(holdId, T0).IsSuccess);
            if (i % 50 == 49)
            {
                await live.FlushAsync(T0);
            }
        }

        await live.FlushAsync(T0);
        Assert.True(live.Inventory.Hold(new HoldCommand("probe-hold-0001", "probe-buyer", HoldSelection.Best("std", 2), T0.AddMinutes(7)), T0).IsSuccess);
        if (confirm)
        {
            await live.FlushAsync(T0);
            Assert.True(live.Inventory.Confirm("probe-hold-0001", T0).IsSuccess);
        }

        var appends = journal.Appends.Count;
        await live.FlushAsync(T0);
        Assert.Equal(appends + 1, journal.Appends.Count);
        return journal.Appends[^1];
    }

    private static BlockDefinition Big(int rows, int seatsPerRow) =>
        BlockDefinition.Reserved("b1", "Block 1", [.. Enumerable.Range(0, rows).Select(r => RowDefinition.Of($"R{r + 1}", seatsPerRow, "std"))]);
}
