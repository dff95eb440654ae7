using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Events;

/// <summary>Holds one small listing per event; searching is a scan, fine for thousands of events.</summary>
public sealed class EventCatalogGrain(
    [PersistentState("catalog", StorageNames.Sale)] IPersistentState<Dictionary<string, EventListing>> state) : Grain, IEventCatalogGrain
{
    public async Task UpsertAsync(EventListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        state.State[listing.EventId] = listing;
        await state.WriteStateAsync();
    }

    public Task<EventPage> SearchAsync(string? query, int page, int pageSize, bool includeDrafts)
    {
        var terms = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matches = state.State.Values
            .Where(e => includeDrafts || e.Status is EventStatus.OnSale or EventStatus.Closed)
            .Where(e => terms.All(t => Matches(e, t)))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        ImmutableArray<EventListing> items = [.. matches.Skip((page - 1) * pageSize).Take(pageSize)];
        return Task.FromResult(new EventPage(items, matches.Count, page, pageSize));
    }

    // Ordinal ignore-case folds Latin letters and leaves Hangul as it is, which is what Korean search needs.
    private static bool Matches(EventListing e, string term) =>
        e.Title.Contains(term, StringComparison.OrdinalIgnoreCase)
        || e.Artist.Contains(term, StringComparison.OrdinalIgnoreCase)
        || e.Venue.Contains(term, StringComparison.OrdinalIgnoreCase);
}
