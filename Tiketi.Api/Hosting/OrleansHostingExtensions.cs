using Orleans.Configuration;
using Orleans.Dashboard;
using Tiketi.Common;
using Tiketi.Queue;
using Tiketi.Silo.Clients;
using Tiketi.Silo.Hosting;

namespace Tiketi.Api.Hosting;

/// <summary>
/// The API is an Orleans client of a cluster when it is told where the cluster is (a PostgreSQL
/// connection string or gateway addresses); otherwise it hosts one in-memory silo itself.
/// </summary>
public static class OrleansHostingExtensions
{
    public const string ConnectionStringName = "Tiketi";

    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.GetConnectionString(ConnectionStringName))
        && configuration.GetSection($"{OrleansHostingOptions.Section}:Gateways").GetChildren().All(c => string.IsNullOrEmpty(c.Value));

    public static WebApplicationBuilder AddTiketiOrleans(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var orleans = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();

        // Buyers joining or polling a queue at once share one grain call per queue (docs/architecture.md).
        builder.Services.AddSingleton<QueueCallCoalescer>();
        if (configuration.IsEmbedded())
        {
            builder.UseOrleans(silo => silo.UseTiketiInMemory(orleans).AddTiketiSaleEngine(configuration));
            builder.Services.AddHostedService<DemoSeeder>();
            builder.Services.AddHostedService<EmbeddedBanner>();
            return builder;
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
            client.AddMemoryStreams(SaleStreams.Provider);
            client.AddDashboard();
            client.AddTiketiClientResilience(configuration);
            if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
            {
                client.UseTiketiPostgresClustering(connectionString);
            }
            else
            {
                client.UseStaticClustering([.. orleans.Gateways.Select(ParseEndpoint)]);
            }
        });
        return builder;
    }

    private static System.Net.IPEndPoint ParseEndpoint(string gateway) =>
        System.Net.IPEndPoint.TryParse(gateway, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException($"Orleans:Gateways entry '{gateway}' is not an ip:port endpoint.");
}
