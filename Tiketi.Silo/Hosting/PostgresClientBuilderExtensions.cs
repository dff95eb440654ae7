namespace Tiketi.Silo.Hosting;

/// <summary>Lets an Orleans client (API host, load tool) find a PostgreSQL-clustered silo cluster.</summary>
public static class PostgresClientBuilderExtensions
{
    /// <summary>Gateways are the active silos listed in the membership table.</summary>
    public static IClientBuilder UseTiketiPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSiloBuilderExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
