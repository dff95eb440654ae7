using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// Counts what happens to a block's holds into its state, free of Orleans, and notes in
/// <paramref name="changes"/> which counters moved so the journal writes only those. Callers record an
/// allocation before the inventory forgets it (a release removes it).
/// </summary>
public sealed class BlockAuditCounters(SeatBlockState state, Func<Allocation, int[]> seatsPerCategory, BlockChanges? changes = null)
{
    private BlockAuditState Audit => state.Audit ??= new BlockAuditState();

    public void Record(HoldEvent kind, Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var perCategory = seatsPerCategory(allocation);
        var slot = (int)kind * 2;
        Audit.Tallies[slot]++;
        Audit.Tallies[slot + 1] += perCategory.Sum();
        Changed(0, slot);
        for (var c = 0; c < perCategory.Length; c++)
        {
            if (perCategory[c] > 0)
            {
                var category = Category(c);
                category.Tallies[slot]++;
                category.Tallies[slot + 1] += perCategory[c];
                Changed(c + 1, slot);
            }
        }
    }

    /// <summary>
    /// Notes when each category first had nothing left and when it sold out; a sold-out time is cleared when
    /// a seat comes back (a refund), so the one that remains is when it sold out for good.
    /// </summary>
    public void Observe(IReadOnlyDictionary<string, InventoryCounts> counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(counts);
        for (var c = 0; c < state.CategoryIds.Count; c++)
        {
            if (!counts.TryGetValue(state.CategoryIds[c], out var current) || current.Capacity == 0)
            {
                continue;
            }

            var category = Category(c);
            var (firstNone, soldOutAt) = (category.FirstNoneAvailableAt, category.SoldOutAt);
            if (current.Available == 0)
            {
                category.FirstNoneAvailableAt ??= now;
            }

            var soldOut = current.Available == 0 && current.Held == 0;
            category.SoldOutAt = soldOut ? category.SoldOutAt ?? now : null;
            if (firstNone != category.FirstNoneAvailableAt || soldOutAt != category.SoldOutAt)
            {
                changes?.SellOut(c);
            }
        }
    }

    public BlockAudit Snapshot(string eventId, string blockId, IReadOnlyDictionary<string, InventoryCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var categories = ImmutableArray.CreateBuilder<CategoryAudit>();
        for (var c = 0; c < state.CategoryIds.Count; c++)
        {
            var id = state.CategoryIds[c];
            if (!counts.TryGetValue(id, out var now))
            {
                continue;
            }

            var category = c < Audit.Categories.Count ? Audit.Categories[c] : new CategoryAuditState();
            categories.Add(new CategoryAudit(id, now, ToCounts(category.Tallies), category.FirstNoneAvailableAt, category.SoldOutAt));
        }

        return new BlockAudit(eventId, blockId, ToCounts(Audit.Tallies), categories.ToImmutable());
    }

    /// <summary>A (holds, seats) pair of tallies moved in <paramref name="scope"/>: 0 the block, c + 1 category c.</summary>
    private void Changed(int scope, int slot)
    {
        changes?.AuditSlot(scope, slot);
        changes?.AuditSlot(scope, slot + 1);
    }

    private CategoryAuditState Category(int index)
    {
        while (Audit.Categories.Count <= index)
        {
            Audit.Categories.Add(new CategoryAuditState());
        }

        return Audit.Categories[index];
    }

    private static HoldCounts ToCounts(long[] t)
    {
        HoldTally Tally(HoldEvent kind) => new(t[(int)kind * 2], t[((int)kind * 2) + 1]);
        return new HoldCounts(Tally(HoldEvent.Placed), Tally(HoldEvent.Expired), Tally(HoldEvent.ReleasedByBuyer),
            Tally(HoldEvent.ReleasedByAdmin), Tally(HoldEvent.ReleasedOther), Tally(HoldEvent.Sold), Tally(HoldEvent.Returned));
    }
}
