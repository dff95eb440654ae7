using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.Queue;

namespace Tiketi.LoadTest.Targets;

/// <summary>The event and queue settings of a <see cref="SaleSpec"/>, as the grains take them.</summary>
public static class SaleDefinitions
{
    public static EventDefinition Build(SaleSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rows = spec.RowsPerBlock();
        ImmutableArray<BlockDefinition> blocks = [.. rows.Select((count, b) => BlockDefinition.Reserved(
            SaleSpec.BlockId(b), $"Block {b + 1}",
            [.. Enumerable.Range(0, count).Select(r => RowDefinition.Of(SaleSpec.RowLabel(r), spec.SeatsPerRow, SaleSpec.Category))]))];
        return new EventDefinition(
            "Load test rush", "The Load Tool", "Loopback Arena", now.AddDays(30), spec.OpensAt(now), now.AddDays(29),
            [new PriceCategory(SaleSpec.Category, "Standard", 99_000)], blocks, spec.PerBuyerLimit, spec.HoldDuration, spec.QueueEnabled,
            spec.Lottery ? QueueMode.Lottery : QueueMode.Fifo);
    }

    public static QueueSettings Queue(SaleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return QueueSettings.Default with
        {
            AdmissionsPerSecond = spec.AdmissionsPerSecond,
            MaxActiveShoppers = spec.MaxActiveShoppers,
            IdleTimeout = spec.IdleTimeout,
        };
    }
}
