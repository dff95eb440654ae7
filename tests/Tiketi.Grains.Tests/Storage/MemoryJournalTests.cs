using Microsoft.Extensions.DependencyInjection;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Storage;

namespace Tiketi.Grains.Tests.Storage;

/// <summary>The journal contract, on the in-memory journal the embedded host and cluster tests use.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class MemoryJournalTests(SaleClusterFixture fixture) : GrainJournalContract
{
    private readonly MemoryGrainJournal _journal = new(fixture.Client);

    protected override IGrainJournal Journal => _journal;

    [Fact]
    public void SaleEngine_WithoutADurableJournal_UsesTheMemoryJournal()
    {
        var services = new ServiceCollection().AddSaleEngine();

        Assert.Equal(typeof(MemoryGrainJournal), services.Single(s => s.ServiceType == typeof(IGrainJournal)).ImplementationType);
    }
}
