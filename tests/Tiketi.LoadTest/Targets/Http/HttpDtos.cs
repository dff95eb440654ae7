using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>The API's JSON shapes the tool reads and writes (docs: /openapi/v1.json), kept apart from the server's types on purpose.</summary>
internal static class HttpJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record RegisterRequest(string Email, string Password, string DisplayName);

internal sealed record LoginRequest(string Email, string Password);

internal sealed record TokenPairDto(string AccessToken, DateTimeOffset AccessTokenExpiresAt);

internal sealed record QueueStatusDto(string State, long Position, long PeopleAhead, int EstimatedWaitSeconds, string? Pass, DateTimeOffset? PassExpiresAt);

internal sealed record HoldBodyDto(string BlockId, string[]? SeatIds, string? CategoryId, int? Quantity);

internal sealed record CheckoutBodyDto(string CardNumber);

internal sealed record OrderLineDto(string? SeatId, string CategoryId, int Quantity, long UnitPrice);

internal sealed record TicketDto(string TicketId, string? SeatId);

internal sealed record OrderDto(
    string OrderId, string EventId, string BlockId, string Status, IReadOnlyList<OrderLineDto> Lines,
    DateTimeOffset HoldExpiresAt, DateTimeOffset? PaidAt, DateTimeOffset CreatedAt, IReadOnlyList<TicketDto> Tickets);

internal sealed record AdminOrderDto(string BuyerId, OrderDto Order);

internal sealed record CountsDto(int Available, int Held, int Sold);

internal sealed record BlockSeatsDto(string BlockId, long Version, string Seats, Dictionary<string, CountsDto> Counts);

internal sealed record SeatMapDto(string EventId, IReadOnlyList<BlockSeatsDto> Blocks);

internal sealed record EventCreatedDto(string EventId, int PerBuyerLimit);

internal sealed record ProblemDto(string? Code, string? Title, string? Detail);

internal sealed record EventDraftDto(
    string Title, string Artist, string Venue, DateTimeOffset StartsAt, DateTimeOffset SaleOpensAt, DateTimeOffset SaleClosesAt,
    CategoryDto[] Categories, LayoutDto Layout, int PerBuyerLimit, int HoldMinutes, bool QueueEnabled, string QueueMode);

internal sealed record CategoryDto(string Id, string Name, long Price, string Currency);

internal sealed record LayoutDto(SectionDto[] Sections);

internal sealed record SectionDto(string Id, string Name, int Rows, int SeatsPerRow, string CategoryId);

internal sealed record QueueControlDto(double AdmissionsPerSecond, int MaxActiveShoppers);

internal sealed record QueueProgressDto(string EventId, long AdmittedUpTo, long Waiting, bool SoldOut, double AdmissionsPerSecond);

internal sealed record SeatChangeDto(int Seat, int State);

internal sealed record SeatDeltaDto(string EventId, string BlockId, long Version, IReadOnlyList<SeatChangeDto> Seats);
