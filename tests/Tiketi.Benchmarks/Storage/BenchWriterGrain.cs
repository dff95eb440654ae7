namespace Tiketi.Benchmarks.Storage;

/// <summary>A grain that writes its state on every call: one grain write per call, nothing else.</summary>
[Alias("Tiketi.Benchmarks.Storage.IBenchWriterGrain")]
public interface IBenchWriterGrain : IGrainWithIntegerKey
{
    [Alias("Write")]
    Task WriteAsync(int payloadBytes);
}

[GenerateSerializer, Alias("Tiketi.Benchmarks.Storage.BenchState")]
public sealed class BenchState
{
    [Id(0)] public int Writes { get; set; }

    [Id(1)] public byte[] Payload { get; set; } = [];
}

public sealed class BenchWriterGrain([PersistentState("bench", "Default")] IPersistentState<BenchState> state) : Grain, IBenchWriterGrain
{
    public async Task WriteAsync(int payloadBytes)
    {
        if (state.State.Payload.Length != payloadBytes)
        {
            state.State.Payload = new byte[payloadBytes];
            Random.Shared.NextBytes(state.State.Payload);
        }

        state.State.Writes++;
        await state.WriteStateAsync();
    }
}
