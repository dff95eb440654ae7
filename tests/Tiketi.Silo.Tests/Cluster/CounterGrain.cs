namespace Tiketi.Silo.Tests.Cluster;

public sealed class CounterGrain([PersistentState("state", "Default")] IPersistentState<CounterState> state)
    : Grain, ICounterGrain, IRemindable
{
    public const string TickReminder = "tick";

    public async Task<int> AddAsync(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    // First tick almost at once; the period only has to satisfy Orleans' one-minute minimum.
    public Task StartTickingAsync() =>
        this.RegisterOrUpdateReminder(TickReminder, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
