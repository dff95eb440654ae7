using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>The events one buyer has orders in, first one first: one write per buyer per event.</summary>
public sealed class BuyerEventsGrain(
    [PersistentState("events", StorageNames.Sale)] IPersistentState<List<string>> state) : Grain, IBuyerEventsGrain
{
    public async Task AddAsync(string eventId)
    {
        if (!state.State.Contains(eventId))
        {
            state.State.Add(eventId);
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.ToImmutableArray());
}
