using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Tiketi.Silo.Hosting;

/// <summary>
/// A silo announces its grain types (the cluster manifest) and becomes active in the membership a moment
/// after it starts. A grain call placed before that fails placement, and Orleans retries it with a warning
/// and a stack trace per attempt. Start-up work (the demo seeder, the pre-warm loop) waits here first, so a
/// normal start prints no stack traces.
/// </summary>
public static class ClusterReadiness
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task WaitForGrainsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var manifests = services.GetRequiredService<IClusterManifestProvider>();
        var membership = services.GetService<IClusterMembershipService>();
        while (!IsReady(manifests.Current, membership?.CurrentSnapshot))
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static bool IsReady(ClusterManifest manifest, ClusterMembershipSnapshot? members) =>
        manifest.Silos.Any(silo => silo.Value.Grains.Count > 0
            && (members is null || (members.Members.TryGetValue(silo.Key, out var member) && member.Status == SiloStatus.Active)));
}
