using Tiketi.LoadTest.Measuring;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>A signed-in buyer's requests: the bearer token on each, the queue pass and idempotency key where the API wants them.</summary>
internal sealed class HttpBuyerSession(ApiClient api, string token, string buyerId) : IBuyerSession
{
    public string BuyerId { get; } = buyerId;

    public async Task<Reply<QueueStatus>> JoinQueueAsync(string eventId, CancellationToken cancellationToken) =>
        HttpMapping.Status(await api.SendAsync<QueueStatusDto>(HttpMethod.Post, $"/api/events/{eventId}/queue", null, token, cancellationToken));

    public async Task<Reply<QueueStatus>> QueueStatusAsync(string eventId, CancellationToken cancellationToken) =>
        HttpMapping.Status(await api.SendAsync<QueueStatusDto>(HttpMethod.Get, $"/api/events/{eventId}/queue", null, token, cancellationToken));

    public async Task<Reply<HeldOrder>> HoldAsync(string eventId, string blockId, HoldSelection selection, string? pass, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var body = selection.IsExplicit
            ? new HoldBodyDto(blockId, [.. selection.SeatIds], null, null)
            : new HoldBodyDto(blockId, null, selection.CategoryId, selection.Quantity);
        var order = await api.SendAsync<OrderDto>(HttpMethod.Post, $"/api/events/{eventId}/holds", body, token, cancellationToken, ("X-Queue-Pass", pass), ("Idempotency-Key", idempotencyKey));
        return order.IsOk
            ? Reply<HeldOrder>.Ok(new HeldOrder(order.Value!.OrderId, order.Value.BlockId, order.Value.Lines.Sum(l => l.Quantity), order.Value.HoldExpiresAt))
            : Reply<HeldOrder>.Fail(order.Code!, order.Message);
    }

    public async Task<Reply<PaidOrder>> CheckoutAsync(string orderId, string idempotencyKey, string cardNumber, CancellationToken cancellationToken)
    {
        var order = await api.SendAsync<OrderDto>(
            HttpMethod.Post, $"/api/holds/{orderId}/checkout", new CheckoutBodyDto(cardNumber), token, cancellationToken, ("Idempotency-Key", idempotencyKey));
        return order.IsOk
            ? Reply<PaidOrder>.Ok(new PaidOrder(orderId, order.Value!.Tickets.Count))
            : Reply<PaidOrder>.Fail(order.Code!, order.Message);
    }

    public Task<Reply<bool>> ReleaseAsync(string holdId, CancellationToken cancellationToken) =>
        api.SendAsync<bool>(HttpMethod.Delete, $"/api/holds/{holdId}", null, token, cancellationToken);

    /// <summary>The API serves the whole map at once, as the browser loads it; the buyer looks at one block of it.</summary>
    public async Task<Reply<SeatMapSnapshot>> ReadBlockAsync(string eventId, string blockId, CancellationToken cancellationToken)
    {
        var map = await api.SendAsync<SeatMapDto>(HttpMethod.Get, $"/api/events/{eventId}/seats", null, token, cancellationToken);
        return map.IsOk && map.Value!.Blocks.FirstOrDefault(b => b.BlockId == blockId) is { } block
            ? Reply<SeatMapSnapshot>.Ok(HttpMapping.Snapshot(eventId, block))
            : Reply<SeatMapSnapshot>.Fail(map.Code ?? "RES006", map.Message);
    }
}
