using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>The ids of one buyer's orders, newest last. Bounded in practice by per-event limits.</summary>
public sealed class BuyerOrdersGrain(
    [PersistentState("orders", StorageNames.Sale)] IPersistentState<List<string>> state) : Grain, IBuyerOrdersGrain
{
    public async Task AddAsync(string orderId)
    {
        if (!state.State.Contains(orderId))
        {
            state.State.Add(orderId);
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.ToImmutableArray());
}
