using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tiketi.Audit;

/// <summary>The silo side of the on-sale audit: the error counter on buyer-facing calls and its flusher.</summary>
public static class SaleAuditServiceCollectionExtensions
{
    public static IServiceCollection AddSaleAudit(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(ErrorTally)))
        {
            return services;
        }

        services.AddOptions<AuditOptions>();
        services.AddSingleton<ErrorTally>();
        services.AddSingleton<ErrorFlusher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ErrorFlusher>());
        services.AddSingleton<IIncomingGrainCallFilter, ErrorCountingFilter>();
        return services;
    }
}
