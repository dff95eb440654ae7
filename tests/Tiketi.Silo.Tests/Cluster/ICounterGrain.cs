namespace Tiketi.Silo.Tests.Cluster;

/// <summary>A grain with persisted state and a reminder: enough to exercise storage and reminders.</summary>
[Alias("Tiketi.Silo.Tests.Cluster.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<int> AddAsync(int amount);

    [Alias("Get")]
    Task<int> GetAsync();

    [Alias("StartTicking")]
    Task StartTickingAsync();

    [Alias("GetTicks")]
    Task<int> GetTicksAsync();
}

[GenerateSerializer, Alias("Tiketi.Silo.Tests.Cluster.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}
