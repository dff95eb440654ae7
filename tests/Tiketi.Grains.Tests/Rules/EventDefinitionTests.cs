using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Tiketi.Events;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>An event defined (or stored) without a venue map reads as one with no placements, in every form it travels in.</summary>
public sealed class EventDefinitionTests
{
    private static readonly Serializer<EventDefinition> Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<EventDefinition>>();

    [Fact]
    public void Placements_NotGiven_AreEmptyNotDefault_AndSurviveTheWire()
    {
        var definition = Definition(default);

        var back = Serializer.Deserialize(Serializer.SerializeToArray(definition))!;

        Assert.False(definition.Placements.IsDefault);
        Assert.Empty(definition.Placements);
        Assert.Empty(back.Placements);
        Assert.Contains("\"Placements\":[]", JsonSerializer.Serialize(definition), StringComparison.Ordinal);
    }

    [Fact]
    public void Placements_Given_SurviveTheWireAndWith()
    {
        var definition = Definition([new BlockPlacement("a", VenueArea.Left, 1)]);

        var back = Serializer.Deserialize(Serializer.SerializeToArray(definition))!;
        var renamed = back with { Title = "Encore" };

        Assert.Equal<BlockPlacement>(definition.Placements, back.Placements);
        Assert.Equal<BlockPlacement>(definition.Placements, renamed.Placements);
        Assert.Empty((renamed with { Placements = default }).Placements);
    }

    private static EventDefinition Definition(ImmutableArray<BlockPlacement> placements)
    {
        var now = new DateTimeOffset(2027, 1, 3, 10, 0, 0, TimeSpan.Zero);
        return new EventDefinition(
            "Night", "Band", "Hall", now, now.AddDays(-10), now.AddDays(-1),
            [new PriceCategory("std", "Standard", 50_000)],
            [BlockDefinition.Reserved("a", "A", RowDefinition.Of("A", 4, "std"))],
            Placements: placements);
    }
}
