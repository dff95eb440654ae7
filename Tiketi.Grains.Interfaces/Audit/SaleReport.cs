using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Queue;

namespace Tiketi.Audit;

/// <summary>One price category over all its blocks.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.CategoryReport")]
public sealed record CategoryReport(
    [property: Id(0)] string CategoryId,
    [property: Id(1)] string Name,
    [property: Id(2)] InventoryCounts Now,
    [property: Id(3)] HoldCounts Holds,
    [property: Id(4)] DateTimeOffset? FirstNoneAvailableAt,
    [property: Id(5)] DateTimeOffset? SoldOutAt,
    [property: Id(6)] TimeSpan? TimeToSellOut);

/// <summary>One seat block over all its categories.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockReport")]
public sealed record BlockReport(
    [property: Id(0)] string BlockId,
    [property: Id(1)] string Name,
    [property: Id(2)] InventoryCounts Now,
    [property: Id(3)] HoldCounts Holds,
    [property: Id(4)] DateTimeOffset? FirstNoneAvailableAt,
    [property: Id(5)] DateTimeOffset? SoldOutAt,
    [property: Id(6)] TimeSpan? TimeToSellOut);

/// <summary>
/// How a sale went, assembled from the grains that own each fact. <see cref="Queue"/> and
/// <see cref="Waitlist"/> are present when those grains keep an audit; <see cref="QueueNow"/> is the
/// queue's live figures, always present for a defined event.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.SaleReport")]
public sealed record SaleReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] EventStatus Status,
    [property: Id(3)] DateTimeOffset SaleOpensAt,
    [property: Id(4)] DateTimeOffset SaleClosesAt,
    [property: Id(5)] DateTimeOffset GeneratedAt,
    [property: Id(6)] InventoryCounts Total,
    [property: Id(7)] HoldCounts Holds,
    [property: Id(8)] ImmutableArray<CategoryReport> Categories,
    [property: Id(9)] ImmutableArray<BlockReport> Blocks,
    [property: Id(10)] ImmutableArray<ErrorCount> ErrorsOverTime,
    [property: Id(11)] QueueInfo? QueueNow,
    [property: Id(12)] QueueAudit? Queue,
    [property: Id(13)] WaitlistAudit? Waitlist)
{
    /// <summary>Failed answers per code over the whole sale, most frequent first.</summary>
    public ImmutableArray<ErrorCount> Errors =>
        [.. ErrorsOverTime.GroupBy(e => e.Code, StringComparer.Ordinal)
            .Select(g => new ErrorCount(g.Key, g.Min(e => e.Minute), g.Sum(e => e.Count)))
            .OrderByDescending(e => e.Count).ThenBy(e => e.Code, StringComparer.Ordinal)];
}

/// <summary>
/// Assembles the on-sale audit of one event (key: event id) from its event, blocks, queue, waitlist and
/// error counts. Stateless: any silo may build it, and building it changes nothing.
/// </summary>
public interface ISaleReportGrain : IGrainWithStringKey
{
    /// <summary>The largest page of queue order one report carries.</summary>
    public const int MaxOrderPage = 1000;

    /// <summary>The report; null when the event does not exist. The queue order is paged (offset, limit ≤ <see cref="MaxOrderPage"/>).</summary>
    Task<SaleReport?> GetAsync(int orderOffset, int orderLimit);
}
