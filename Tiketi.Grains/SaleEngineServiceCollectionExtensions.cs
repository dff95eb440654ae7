using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Observability;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Queue;
using Tiketi.Storage;

namespace Tiketi;

/// <summary>Registers what the sale grains need; a host binds and validates <see cref="SaleOptions"/>.</summary>
public static class SaleEngineServiceCollectionExtensions
{
    public static IServiceCollection AddSaleEngine(this IServiceCollection services)
    {
        services.AddOptions<SaleOptions>();
        services.TryAddKeyedSingleton(SaleClock.Key, TimeProvider.System);
        services.TryAddSingleton<IPaymentGateway, TestPaymentGateway>();
        services.TryAddSingleton<EndedPlacesSet>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<EndedPlacesSet>());
        services.TryAddSingleton<QueuePass>();
        services.TryAddSingleton<TicketCodes>();
        services.TryAddSingleton<TiketiMetrics>();
        services.TryAddSingleton<QueueTelemetry>();

        // In memory unless a host (a PostgreSQL silo) registered a durable journal first.
        services.TryAddSingleton<IGrainJournal, MemoryGrainJournal>();
        services.AddSaleAudit();
        return services;
    }
}
