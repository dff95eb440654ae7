using System.Collections.Immutable;

namespace Tiketi.Events;

/// <summary>The list of events buyers browse and search (one grain, key <see cref="Key"/>). Events keep it current.</summary>
public interface IEventCatalogGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task UpsertAsync(EventListing listing);

    /// <summary>Upcoming events first; <paramref name="query"/> matches title, artist or venue, any case.</summary>
    [ReadOnly]
    Task<EventPage> SearchAsync(string? query, int page, int pageSize, bool includeDrafts);
}

[GenerateSerializer, Immutable, Alias("tiketi.EventListing")]
public sealed record EventListing(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Artist,
    [property: Id(3)] string Venue,
    [property: Id(4)] DateTimeOffset StartsAt,
    [property: Id(5)] DateTimeOffset SaleOpensAt,
    [property: Id(6)] EventStatus Status,
    [property: Id(7)] bool SoldOut = false,
    [property: Id(8)] string? TimeZone = null);

[GenerateSerializer, Immutable, Alias("tiketi.EventPage")]
public sealed record EventPage(
    [property: Id(0)] ImmutableArray<EventListing> Items,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize);
