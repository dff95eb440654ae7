using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Tiketi.Silo.Storage;
using Tiketi.Storage;

namespace Tiketi.Silo.Hosting;

/// <summary>Runs a silo on PostgreSQL: membership, grain state, the grain journal and reminders, one connection string.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// The ADO.NET invariant Orleans maps to Npgsql. Every ADO.NET provider defaults to SQL Server,
    /// so each one is told explicitly.
    /// </summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Clustering through the membership table and the reminder table (Orleans' ADO.NET providers), and
    /// TIKETI's group-committing storage for grain state "Default" (also the default provider),
    /// "PubSubStore" (stream subscriptions) and the grain journal, all in the database the connection
    /// string names. The schema must be migrated first (<see cref="Schema.SchemaMigrator"/>). Storage
    /// options come from <paramref name="configure"/> (a host binds section "Storage") and are validated at start.
    /// </summary>
    public static ISiloBuilder UseTiketiPostgres(
        this ISiloBuilder builder, string connectionString, Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        builder.AddTiketiPostgresStorage(connectionString, configure);
        return builder;
    }

    /// <summary>
    /// The storage half of <see cref="UseTiketiPostgres"/>: the committers, the two grain storage
    /// providers, the journal (registered before the sale engine's in-memory fallback, which then stays
    /// out), the storage health check, and the readers of rows earlier versions wrote.
    /// </summary>
    public static ISiloBuilder AddTiketiPostgresStorage(
        this ISiloBuilder builder, string connectionString, Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PostgresStorageOptions>().Configure(o => o.ConnectionString = connectionString);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new StorageOutage(
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StorageOutage>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<StorageCommitter>();
        services.AddSingleton<LegacyStateReader>();
        services.AddSingleton<IGrainJournal, PostgresGrainJournal>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageWarmUp>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);

        foreach (var name in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME })
        {
            services.AddGrainStorage(name, (sp, key) => new PostgresGrainStorage(
                key,
                sp.GetRequiredService<StorageCommitter>(),
                sp.GetKeyedService<IGrainStorageSerializer>(key) ?? new VersionedGrainStateSerializer(sp.GetRequiredService<Serializer>()),
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<LegacyStateReader>()));

            // Orleans' own ADO.NET provider reads (and deletes) the rows it wrote before this version:
            // same keys, hashes and Newtonsoft settings as wrote them.
            services.AddAdoNetGrainStorage(LegacyStateReader.ProviderName(name), ob => ob.Configure<OrleansJsonSerializer>((o, json) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new JsonGrainStorageSerializer(json);
                o.DeleteStateOnClear = true;
            }));
        }

        return builder;
    }
}
