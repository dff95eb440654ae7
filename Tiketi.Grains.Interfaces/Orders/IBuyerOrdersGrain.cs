using System.Collections.Immutable;

namespace Tiketi.Orders;

/// <summary>Every order of one buyer across events (key: buyer id), for "my orders".</summary>
public interface IBuyerOrdersGrain : IGrainWithStringKey
{
    Task AddAsync(string orderId);

    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();
}
