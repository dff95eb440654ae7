using System.Collections.Immutable;
using System.Text.Json;
using Tiketi.Api.Events;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Api.Live;

/// <summary>A seat and its new state: 0 available, 1 held, 2 sold (the digits of a snapshot).</summary>
public sealed record SeatChangeDto(int Seat, int State);

/// <summary>One versioned change set of a block; states are absolute.</summary>
public sealed record SeatDeltaDto(
    string EventId, string BlockId, long Version, IReadOnlyList<SeatChangeDto> Seats, IReadOnlyDictionary<string, CountsDto> Counts);

/// <summary>A whole block at a version: one digit per seat in row order (0 available, 1 held, 2 sold).</summary>
public sealed record SeatSnapshotDto(
    string EventId, string BlockId, long Version, string Seats, IReadOnlyDictionary<string, CountsDto> Counts);

public sealed record QueueProgressDto(string EventId, long AdmittedUpTo, long Waiting, bool SoldOut, double AdmissionsPerSecond);

/// <summary>
/// Something happened to one of the buyer's orders; <see cref="Kind"/> is e.g. "holdReleased", or
/// "waitlistOffer" with <see cref="HoldExpiresAt"/> (pay before then).
/// </summary>
public sealed record BuyerNoticeDto(string OrderId, string Kind, DateTimeOffset At, DateTimeOffset? HoldExpiresAt = null);

public static class LiveMapping
{
    public static SeatDeltaDto ToDto(this SeatDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return new(delta.EventId, delta.BlockId, delta.Version,
            [.. delta.Seats.Select(s => new SeatChangeDto(s.Seat, (int)s.State))], Counts(delta.Counts));
    }

    public static SeatSnapshotDto ToLiveDto(this SeatMapSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var block = snapshot.ToDto();
        return new(snapshot.EventId, block.BlockId, block.Version, block.Seats, block.Counts);
    }

    public static QueueProgressDto ToDto(this QueueProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.EventId, progress.AdmittedUpTo, progress.Waiting, progress.SoldOut, progress.AdmissionsPerSecond);
    }

    public static BuyerNoticeDto ToDto(this BuyerNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new(notice.OrderId, JsonNamingPolicy.CamelCase.ConvertName(notice.Kind.ToString()), notice.At, notice.HoldExpiresAt);
    }

    private static ImmutableSortedDictionary<string, CountsDto> Counts(ImmutableDictionary<string, InventoryCounts> counts) =>
        counts.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.ToDto(), StringComparer.Ordinal);
}
