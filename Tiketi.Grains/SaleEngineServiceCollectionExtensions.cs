using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Observability;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Queue;
using Tiketi.Seating;
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
        services.TryAddSingleton(sp => new EventCache(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<SaleOptions>>()));
        services.TryAddSingleton<PaymentSettlement>();
        services.TryAddSingleton<CheckoutMeter>();

        // In memory unless a host (a PostgreSQL silo) registered a durable journal first.
        services.TryAddSingleton<IGrainJournal, MemoryGrainJournal>();

        // Every storage provider's default serializer (Orleans registers Newtonsoft JSON with type
        // names with TryAdd; the last registration wins): binary and versioned, in memory as on PostgreSQL.
        services.AddSingleton<IGrainStorageSerializer, VersionedGrainStateSerializer>();

        services.TryAddSingleton<BlockRecordCodec>();
        services.AddSaleAudit();
        return services;
    }
}
