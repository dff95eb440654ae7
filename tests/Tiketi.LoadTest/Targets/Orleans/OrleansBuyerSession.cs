using Tiketi.Common;
using Tiketi.LoadTest.Measuring;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Orleans;

/// <summary>A buyer calling the grains as the API would on their behalf (queue calls coalesced, as the API does, unless told not to).</summary>
public sealed class OrleansBuyerSession(IClusterClient client, string buyerId, QueueCallCoalescer? coalescer = null) : IBuyerSession
{
    public string BuyerId { get; } = buyerId;

    /// <summary>The hold carries the client's key: sent twice, it is the same hold.</summary>
    public bool KeyedHolds => true;

    public async Task<Reply<QueueStatus>> JoinQueueAsync(string eventId, CancellationToken cancellationToken) =>
        From(coalescer is not null
            ? await coalescer.JoinAsync(eventId, BuyerId)
            : await client.GetGrain<IWaitingQueueGrain>(eventId).JoinAsync(BuyerId));

    public async Task<Reply<QueueStatus>> QueueStatusAsync(string eventId, CancellationToken cancellationToken) =>
        Reply<QueueStatus>.Ok(coalescer is not null
            ? await coalescer.GetStatusAsync(eventId, BuyerId)
            : await client.GetGrain<IWaitingQueueGrain>(eventId).GetStatusAsync(BuyerId));

    public async Task<Reply<HeldOrder>> HoldAsync(
        string eventId, string blockId, HoldSelection selection, string? pass, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, BuyerId)).HoldAsync(new HoldRequest(blockId, selection, pass, idempotencyKey));
        return result.IsSuccess
            ? Reply<HeldOrder>.Ok(new HeldOrder(result.Value!.OrderId, result.Value.BlockId, result.Value.Quantity, result.Value.HoldExpiresAt))
            : Reply<HeldOrder>.Fail(result.Code!, result.Message);
    }

    public async Task<Reply<PaidOrder>> CheckoutAsync(string orderId, string idempotencyKey, string cardNumber, CancellationToken cancellationToken)
    {
        var result = await client.GetGrain<IOrderGrain>(orderId).CheckoutAsync(new CheckoutRequest(BuyerId, idempotencyKey, cardNumber));
        return result.IsSuccess
            ? Reply<PaidOrder>.Ok(new PaidOrder(orderId, result.Value!.Tickets.Length))
            : Reply<PaidOrder>.Fail(result.Code!, result.Message);
    }

    public async Task<Reply<SeatMapSnapshot>> ReadBlockAsync(string eventId, string blockId, CancellationToken cancellationToken) =>
        Reply<SeatMapSnapshot>.Ok(await client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, blockId)).GetSnapshotAsync());

    private static Reply<T> From<T>(Result<T> result) =>
        result.IsSuccess ? Reply<T>.Ok(result.Value!) : Reply<T>.Fail(result.Code!, result.Message);
}
