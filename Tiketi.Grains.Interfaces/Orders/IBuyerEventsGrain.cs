using System.Collections.Immutable;

namespace Tiketi.Orders;

/// <summary>
/// The events a buyer has orders in (key: buyer id), for "my orders" across events: each event's
/// <see cref="IBuyerGrain"/> lists the orders. Written once per buyer per event, not once per order.
/// </summary>
public interface IBuyerEventsGrain : IGrainWithStringKey
{
    /// <summary>Adds the event; adding one already listed writes nothing.</summary>
    Task AddAsync(string eventId);

    /// <summary>The events, first one first.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();
}
