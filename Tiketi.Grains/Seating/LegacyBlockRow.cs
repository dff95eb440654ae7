using Orleans.Storage;

namespace Tiketi.Seating;

/// <summary>
/// The grain-state row ("block", the whole <see cref="SeatBlockState"/>) blocks were kept in before their
/// journal. A block whose journal is still empty reads it once; the grain moves it into the journal and then
/// deletes it, so a silo of the earlier version still running during a deploy finds no block (and refuses
/// holds) rather than a stale one that would sell seats sold since.
/// </summary>
public sealed class LegacyBlockRow(IGrainStorage storage, GrainId grainId)
{
    public const string StateName = "block";

    private readonly GrainState<SeatBlockState> _row = new(new SeatBlockState());

    /// <summary>The block as the row holds it, or null when there is none (or it holds no layout).</summary>
    public async Task<SeatBlockState?> ReadAsync()
    {
        await storage.ReadStateAsync(StateName, grainId, _row);
        return _row.RecordExists && _row.State is { Definition: not null } state ? state : null;
    }

    public Task DeleteAsync() => storage.ClearStateAsync(StateName, grainId, _row);
}
