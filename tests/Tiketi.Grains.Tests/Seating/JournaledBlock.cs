using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Tiketi.Events;
using Tiketi.Seating;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Seating;

/// <summary>
/// A block's rules over a journal, written as the grain writes them: each command takes its new reservations
/// in its own turn, and a flush seals the batch and appends one record. Loading a second one from the same
/// journal is what a reactivation does.
/// </summary>
public sealed class JournaledBlock
{
    public const string JournalId = "block/ev/b1";

    public static readonly BlockRecordCodec Codec = new(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<BlockDefinition>>());

    private JournaledBlock(IGrainJournal journal, SeatBlockState state, BlockJournal writer)
    {
        (Journal, State, Writer) = (journal, state, writer);
        Inventory = new SeatInventory(state);
    }

    public IGrainJournal Journal { get; }

    public SeatBlockState State { get; }

    public SeatInventory Inventory { get; }

    public BlockJournal Writer { get; }

    public static async Task<JournaledBlock> LoadAsync(IGrainJournal journal)
    {
        var writer = new BlockJournal(journal, JournalId, Codec, NullLogger.Instance);
        var state = await writer.LoadAsync(CancellationToken.None);
        return new JournaledBlock(journal, state, writer);
    }

    /// <summary>What the grain's commit does in the command's turn.</summary>
    public void Committed(DateTimeOffset now) => Inventory.TakeNewReservations(now + SeatInventory.ReservationGuard);

    /// <summary>One batched write, as the grain's flush makes it.</summary>
    public async Task FlushAsync(DateTimeOffset now)
    {
        if (Inventory.Changes.Any)
        {
            Inventory.SealBatch(now);
            await Writer.WriteAsync(State, Inventory.Changes);
        }
    }

    /// <summary>Asserts that <paramref name="loaded"/> (rebuilt from the journal) is this block, in every part the journal must keep.</summary>
    public void AssertSameAs(JournaledBlock loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (live, back) = (State, loaded.State);
        Assert.Equal(Json(live.Definition), Json(back.Definition));
        Assert.Equal(live.CategoryIds, back.CategoryIds);
        Assert.Equal(live.Seats, back.Seats);
        Assert.Equal(live.AreaCapacity, back.AreaCapacity);
        Assert.Equal(live.Version, back.Version);
        Assert.Equal(live.Closed, back.Closed);
        Assert.Equal(live.WaitlistCategories.Order(), back.WaitlistCategories.Order());
        Assert.Equal(live.Allocations.Keys.Order(), back.Allocations.Keys.Order());
        foreach (var (holdId, allocation) in live.Allocations)
        {
            var other = back.Allocations[holdId];
            Assert.Equal((allocation.BuyerId, allocation.Status, allocation.Category, allocation.Quantity), (other.BuyerId, other.Status, other.Category, other.Quantity));
            Assert.Equal(allocation.Seats, other.Seats);
            Assert.Equal(allocation.ExpiresAt, other.ExpiresAt);
        }

        Assert.Equal(Inventory.Counts(), loaded.Inventory.Counts());
        Assert.Equal(Json(Inventory.Audit("ev", "b1")), Json(loaded.Inventory.Audit("ev", "b1")));
        Assert.Equal(Inventory.NextExpiry(), loaded.Inventory.NextExpiry());
        Assert.Equal(Inventory.BuyerHolds, loaded.Inventory.BuyerHolds);
        Assert.Equal(Inventory.HasHolds, loaded.Inventory.HasHolds);
    }

    public static async Task<JournaledBlock> NewAsync(IGrainJournal journal, BlockDefinition block, IReadOnlyList<string> categoryIds, DateTimeOffset now)
    {
        var created = await LoadAsync(journal);
        Assert.True(created.Inventory.Configure(block, categoryIds).IsSuccess);
        await created.FlushAsync(now);
        return created;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
