using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Tiketi.Common;

namespace Tiketi.Silo.Hosting;

/// <summary>The parts of a silo every TIKETI deployment shares: grains, streams, options, dashboard.</summary>
public static class TiketiSiloBuilderExtensions
{
    /// <summary>Registers the sale engine with its options, validated at start-up.</summary>
    public static ISiloBuilder AddTiketiSaleEngine(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryStreams(SaleStreams.Provider);
        silo.AddDashboard();
        silo.Services.AddSaleEngine();
        silo.Services.AddOptions<SaleOptions>()
            .Bind(configuration.GetSection(SaleOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.AddOptions<Tiketi.Audit.AuditOptions>()
            .Bind(configuration.GetSection(Tiketi.Audit.AuditOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return silo;
    }

    /// <summary>
    /// One silo on loopback with everything in memory: the embedded default. Its data is gone when the
    /// process exits, so it also invents signing keys nobody configured.
    /// </summary>
    public static ISiloBuilder UseTiketiInMemory(this ISiloBuilder silo, OrleansHostingOptions ports)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(ports);
        silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort, serviceId: ports.ServiceId, clusterId: ports.ClusterId)
            .AddMemoryGrainStorageAsDefault()
            .AddMemoryGrainStorage("PubSubStore")
            .UseInMemoryReminderService();
        silo.Services.PostConfigure<SaleOptions>(o =>
        {
            o.PassSigningKey = string.IsNullOrEmpty(o.PassSigningKey) ? RandomKey() : o.PassSigningKey;
            o.TicketSigningKey = string.IsNullOrEmpty(o.TicketSigningKey) ? RandomKey() : o.TicketSigningKey;
        });
        return silo;
    }

    /// <summary>Cluster identity and endpoints of a silo that joins others through a membership table.</summary>
    public static ISiloBuilder UseTiketiEndpoints(this ISiloBuilder silo, OrleansHostingOptions ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ports.ClusterId, ports.ServiceId));
        var ip = string.IsNullOrEmpty(ports.AdvertisedIp) ? IPAddress.Loopback : IPAddress.Parse(ports.AdvertisedIp);
        silo.ConfigureEndpoints(ip, ports.SiloPort, ports.GatewayPort, listenOnAnyHostAddress: ip.Equals(IPAddress.Any));
        return silo;
    }

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
