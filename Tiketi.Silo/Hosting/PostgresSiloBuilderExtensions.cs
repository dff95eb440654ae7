using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using Tiketi.Common;
using Tiketi.Storage;

namespace Tiketi.Silo.Hosting;

/// <summary>Runs a silo on PostgreSQL: membership, grain state and reminders, one connection string.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// The ADO.NET invariant Orleans maps to Npgsql. Every ADO.NET provider defaults to SQL Server,
    /// so each one is told explicitly.
    /// </summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Clustering through the membership table, grain storage "Default" (also the default provider)
    /// and "PubSubStore" (stream subscriptions), and the reminder table, all in the database the
    /// connection string names; grain journals (seat blocks) in the grain-state table. The schema must be
    /// migrated first (<see cref="Schema.SchemaMigrator"/>).
    /// </summary>
    public static ISiloBuilder UseTiketiPostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        builder.AddAdoNetGrainStorageAsDefault(options => ConfigureStorage(options, connectionString));
        builder.AddAdoNetGrainStorage(
            ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME, options => ConfigureStorage(options, connectionString));
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        // Durable, whichever of this and AddSaleEngine (which falls back to the memory journal) runs first.
        builder.Services.Replace(ServiceDescriptor.Singleton<IGrainJournal>(
            services => new GrainStorageJournal(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sale))));
        return builder;
    }

    private static void ConfigureStorage(AdoNetGrainStorageOptions options, string connectionString)
    {
        options.Invariant = Invariant;
        options.ConnectionString = connectionString;
    }
}
