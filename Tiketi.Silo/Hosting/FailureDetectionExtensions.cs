using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Tiketi.Silo.Hosting;

/// <summary>
/// How fast the cluster declares a silo dead, so that the grains it hosted come back elsewhere. Orleans'
/// defaults (5 s probes, 3 missed) take 8-10 s on a quiet network; a rush cannot wait that long. TIKETI
/// probes with a 2 s base timeout (the adaptive detector then probes about once a second on a fast
/// network), so a killed silo is declared dead in about 4 s. The price: a silo that stalls for several
/// seconds (a long GC pause, a starved CPU) may be declared dead while alive, and then stops itself; the
/// detector widens its timeouts when the prober itself is degraded. Operators can override any
/// ClusterMembershipOptions setting under "Orleans:Membership" (see docs/operations.md).
/// </summary>
public static class FailureDetectionExtensions
{
    public const string Section = "Orleans:Membership";

    public static ISiloBuilder UseTiketiFailureDetection(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
        });

        // After the defaults above, so what an operator sets wins.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(Section));
        return silo;
    }
}
