using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tiketi.Silo.Schema;

namespace Tiketi.Silo.Hosting;

/// <summary>Composes a cluster silo from configuration: PostgreSQL, endpoints, the sale engine.</summary>
public static class TiketiSiloHostExtensions
{
    public const string ConnectionStringName = "Tiketi";

    public static IHostApplicationBuilder AddTiketiSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. A silo keeps its cluster, state and reminders in PostgreSQL; "
                + "for a single process with everything in memory run Tiketi.Api without a connection string instead.");
        }

        var orleans = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddSingleton<SchemaMigrator>();
        if (configuration.GetValue("Tiketi:MigrateOnStart", true))
        {
            builder.Services.AddHostedService<SchemaMigrationService>();
        }

        // SIGTERM: in-flight calls finish and grains deactivate (writing nothing half-done) before exit.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.UseOrleans(silo => silo
            .UseTiketiEndpoints(orleans)
            .UseTiketiPostgres(connectionString)
            .UseTiketiFailureDetection(configuration)
            .AddTiketiSaleEngine(configuration));
        return builder;
    }
}
