using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Audit;

/// <summary>
/// Keeps one sale's error counts (key: event id). Each silo adds to it about once a second, so it sees a
/// handful of calls per second however many buyers fail, and writes once per call.
/// </summary>
public sealed class SaleAuditGrain(
    [PersistentState("audit", StorageNames.Sale)] IPersistentState<SaleAuditState> state) : Grain, ISaleAuditGrain
{
    public async Task AddErrorsAsync(ImmutableArray<ErrorCount> counts)
    {
        foreach (var count in counts)
        {
            var minutes = state.State.Errors.TryGetValue(count.Code, out var m) ? m : state.State.Errors[count.Code] = [];
            minutes[count.Minute] = minutes.GetValueOrDefault(count.Minute) + count.Count;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now holds counts storage refused and the silo will send them again: reload instead.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<ImmutableArray<ErrorCount>> GetErrorsAsync() => Task.FromResult<ImmutableArray<ErrorCount>>(
        [.. state.State.Errors.SelectMany(e => e.Value.Select(m => new ErrorCount(e.Key, m.Key, m.Value)))
            .OrderBy(e => e.Minute).ThenBy(e => e.Code, StringComparer.Ordinal)]);
}
