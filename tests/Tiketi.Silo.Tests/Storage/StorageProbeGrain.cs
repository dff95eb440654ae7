using Tiketi.Silo.Tests.Cluster;

namespace Tiketi.Silo.Tests.Storage;

public sealed class StorageProbeGrain([PersistentState("probe", "Default")] IPersistentState<CounterState> state)
    : Grain, IStorageProbeGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now holds an increment storage may not have: only a fresh activation may go on.
            DeactivateOnIdle();
            throw;
        }

        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);
}
