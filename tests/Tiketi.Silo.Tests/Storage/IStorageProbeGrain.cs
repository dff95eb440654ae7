namespace Tiketi.Silo.Tests.Storage;

/// <summary>A counter that persists every increment and, like TIKETI's hot grains, stops after a failed write.</summary>
[Alias("Tiketi.Silo.Tests.Storage.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds one and returns the new count once it is durable.</summary>
    [Alias("Increment")]
    Task<int> IncrementAsync();

    [Alias("Get")]
    Task<int> GetAsync();
}
