using Tiketi.LoadTest.Measuring;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>
/// A signed-in buyer's requests: the bearer token on each, the queue pass and idempotency keys where the
/// API wants them. A buyer talks to one API host; when it stops answering (connection refused or
/// reset), the buyer's next request goes to the next host, with the same token (any host serves any buyer).
/// </summary>
internal sealed class HttpBuyerSession(ApiHosts hosts, int home, string token, string buyerId) : IBuyerSession
{
    private int _home = home;

    public string BuyerId { get; } = buyerId;

    /// <summary>Until the API takes a hold's Idempotency-Key, a hold sent twice may be two holds.</summary>
    public bool KeyedHolds => false;

    public async Task<Reply<QueueStatus>> JoinQueueAsync(string eventId, CancellationToken cancellationToken) =>
        HttpMapping.Status(await SendAsync<QueueStatusDto>(HttpMethod.Post, $"/api/events/{eventId}/queue", null, cancellationToken));

    public async Task<Reply<QueueStatus>> QueueStatusAsync(string eventId, CancellationToken cancellationToken) =>
        HttpMapping.Status(await SendAsync<QueueStatusDto>(HttpMethod.Get, $"/api/events/{eventId}/queue", null, cancellationToken));

    public async Task<Reply<HeldOrder>> HoldAsync(
        string eventId, string blockId, HoldSelection selection, string? pass, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var body = selection.IsExplicit
            ? new HoldBodyDto(blockId, [.. selection.SeatIds], null, null)
            : new HoldBodyDto(blockId, null, selection.CategoryId, selection.Quantity);
        var order = await SendAsync<OrderDto>(HttpMethod.Post, $"/api/events/{eventId}/holds", body, cancellationToken, ("X-Queue-Pass", pass), ("Idempotency-Key", idempotencyKey));
        return order.IsOk
            ? Reply<HeldOrder>.Ok(new HeldOrder(order.Value!.OrderId, order.Value.BlockId, order.Value.Lines.Sum(l => l.Quantity), order.Value.HoldExpiresAt))
            : Reply<HeldOrder>.Fail(order.Code!, order.Message);
    }

    public async Task<Reply<PaidOrder>> CheckoutAsync(string orderId, string idempotencyKey, string cardNumber, CancellationToken cancellationToken)
    {
        var order = await SendAsync<OrderDto>(
            HttpMethod.Post, $"/api/holds/{orderId}/checkout", new CheckoutBodyDto(cardNumber), cancellationToken, ("Idempotency-Key", idempotencyKey));
        return order.IsOk
            ? Reply<PaidOrder>.Ok(new PaidOrder(orderId, order.Value!.Tickets.Count))
            : Reply<PaidOrder>.Fail(order.Code!, order.Message);
    }

    public Task<Reply<bool>> ReleaseAsync(string holdId, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"/api/holds/{holdId}", null, cancellationToken);

    /// <summary>The API serves the whole map at once, as the browser loads it; the buyer looks at one block of it.</summary>
    public async Task<Reply<SeatMapSnapshot>> ReadBlockAsync(string eventId, string blockId, CancellationToken cancellationToken)
    {
        var map = await SendAsync<SeatMapDto>(HttpMethod.Get, $"/api/events/{eventId}/seats", null, cancellationToken);
        return map.IsOk && map.Value!.Blocks.FirstOrDefault(b => b.BlockId == blockId) is { } block
            ? Reply<SeatMapSnapshot>.Ok(HttpMapping.Snapshot(eventId, block))
            : Reply<SeatMapSnapshot>.Fail(map.Code ?? "RES006", map.Message);
    }

    private async Task<Reply<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, params (string Name, string? Value)[] headers)
    {
        var home = Volatile.Read(ref _home);
        try
        {
            return await hosts[home].SendAsync<T>(method, path, body, token, cancellationToken, headers);
        }
        catch (HttpRequestException) when (hosts.Count > 1)
        {
            // The host is gone (or going): the next request of this buyer tries another one. Whether this
            // request may be sent again is the caller's decision (see BuyerJourney).
            if (Interlocked.CompareExchange(ref _home, home + 1, home) == home)
            {
                hosts.FailedOver();
            }

            throw;
        }
    }
}
