using System.Collections.Immutable;

namespace Tiketi.Audit;

/// <summary>Failed answers with one reason code, in one minute of sale time (bucket start, UTC).</summary>
[GenerateSerializer, Immutable, Alias("tiketi.ErrorCount")]
public sealed record ErrorCount(
    [property: Id(0)] string Code,
    [property: Id(1)] DateTimeOffset Minute,
    [property: Id(2)] long Count);

/// <summary>
/// The sale's persisted error counts (key: event id). Silos count failures in memory and add them here
/// about once a second, so a silo that crashes loses at most its last unflushed second.
/// </summary>
public interface ISaleAuditGrain : IGrainWithStringKey
{
    Task AddErrorsAsync(ImmutableArray<ErrorCount> counts);

    [ReadOnly]
    Task<ImmutableArray<ErrorCount>> GetErrorsAsync();
}
