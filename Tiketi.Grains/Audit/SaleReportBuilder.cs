using System.Collections.Immutable;
using Tiketi.Events;

namespace Tiketi.Audit;

/// <summary>Folds block audits into the per-category and per-block report, free of Orleans.</summary>
public static class SaleReportBuilder
{
    public static SaleReport Build(EventInfo info, IReadOnlyList<BlockAudit> blocks, ImmutableArray<ErrorCount> errors, SaleAuditInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(inputs);
        var definition = info.Definition;
        var opensAt = definition.SaleOpensAt;
        var names = definition.Blocks.ToDictionary(b => b.Id, b => b.Name, StringComparer.Ordinal);

        var blockReports = blocks.Select(b =>
        {
            var (first, soldOut) = Times(b.Categories);
            return new BlockReport(b.BlockId, names.GetValueOrDefault(b.BlockId, b.BlockId), Sum(b.Categories.Select(c => c.Now)), b.Holds, first, soldOut, Since(opensAt, soldOut));
        }).ToImmutableArray();

        var categoryReports = definition.Categories.Select(category =>
        {
            var parts = blocks.SelectMany(b => b.Categories).Where(c => c.CategoryId == category.Id).ToList();
            var (first, soldOut) = Times(parts);
            return new CategoryReport(category.Id, category.Name, Sum(parts.Select(p => p.Now)),
                parts.Aggregate(HoldCounts.Zero, (sum, p) => sum.Add(p.Holds)), first, soldOut, Since(opensAt, soldOut));
        }).Where(c => c.Now.Capacity > 0).ToImmutableArray();

        return new SaleReport(
            info.EventId, definition.Title, info.Status, opensAt, definition.SaleClosesAt, now,
            Sum(blockReports.Select(b => b.Now)), blocks.Aggregate(HoldCounts.Zero, (sum, b) => sum.Add(b.Holds)),
            categoryReports, blockReports, errors, inputs.QueueNow, inputs.Queue, inputs.Waitlist);
    }

    /// <summary>
    /// A group (a block's categories, a category's blocks) first had nothing left when its last part did,
    /// and sold out for good when every part has; parts that got seats back in between make the first an
    /// upper bound of "nothing left anywhere at once".
    /// </summary>
    private static (DateTimeOffset? First, DateTimeOffset? SoldOut) Times(IReadOnlyCollection<CategoryAudit> parts)
    {
        var live = parts.Where(p => p.Now.Capacity > 0).ToList();
        if (live.Count == 0)
        {
            return (null, null);
        }

        var first = live.All(p => p.FirstNoneAvailableAt is not null) ? live.Max(p => p.FirstNoneAvailableAt) : null;
        var soldOut = live.All(p => p.SoldOutAt is not null) ? live.Max(p => p.SoldOutAt) : null;
        return (first, soldOut);
    }

    private static TimeSpan? Since(DateTimeOffset opensAt, DateTimeOffset? at) => at is { } t ? (t > opensAt ? t - opensAt : TimeSpan.Zero) : null;

    private static InventoryCounts Sum(IEnumerable<InventoryCounts> counts) => counts.Aggregate(InventoryCounts.Zero, (sum, c) => sum.Add(c));
}
