using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Tiketi.Silo.Hosting;
using Tiketi.Silo.Storage;
using Tiketi.Storage;

namespace Tiketi.Silo.Tests.Storage;

/// <summary>How a cluster silo is composed (as <c>AddTiketiSilo</c> does): PostgreSQL storage first, the sale engine after it.</summary>
public sealed class RegistrationTests
{
    private const string NoServer = "Host=127.0.0.1;Port=1;Database=tiketi;Username=tiketi;Password=not-used-here";

    [Fact]
    public void PostgresSilo_WithTheSaleEngine_KeepsThePostgresJournalAndBinaryStorage()
    {
        using var host = Build(new Dictionary<string, string?>());

        Assert.IsType<PostgresGrainJournal>(host.Services.GetRequiredService<IGrainJournal>());
        Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("PubSubStore"));
    }

    [Theory]
    [InlineData("Storage:Connections", "0")]
    [InlineData("Storage:MaxBatchSize", "0")]
    [InlineData("Storage:RetryBudget", "00:00:00")]
    public void StorageOptions_OutOfRange_RefusedAtStart(string key, string value)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseTiketiPostgres(NoServer, builder.Configuration.GetSection(PostgresStorageOptions.Section).Bind)
            .AddTiketiSaleEngine(builder.Configuration));
        return builder.Build();
    }
}
