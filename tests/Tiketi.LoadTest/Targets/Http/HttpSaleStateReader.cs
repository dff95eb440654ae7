using Tiketi.LoadTest.Invariants;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>
/// The audit through the admin API when the tool cannot reach the grains: the seat map gives each
/// block's seats, the admin order list every live hold and sale with its buyer. An allocation is read
/// as its order says it (held or paid), so "seat sold twice" means two live orders naming one seat.
/// </summary>
internal sealed class HttpSaleStateReader(ApiClient api, Func<Task<string>> adminToken) : ISaleStateReader
{
    public async Task<SaleFinalState> ReadAsync(string eventId, IReadOnlyCollection<string> knownOrderIds, CancellationToken cancellationToken)
    {
        var readAt = DateTimeOffset.UtcNow;
        var token = await adminToken();
        var map = await api.SendAsync<SeatMapDto>(HttpMethod.Get, $"/api/events/{eventId}/seats", null, token, cancellationToken);
        if (!map.IsOk)
        {
            throw new InvalidOperationException($"Reading the seat map failed: {map.Code}");
        }

        var orders = new List<OrderView>();
        for (var page = 1; ; page++)
        {
            var list = await api.SendAsync<AdminOrderDto[]>(HttpMethod.Get, $"/api/admin/events/{eventId}/orders?page={page}", null, token, cancellationToken);
            if (!list.IsOk)
            {
                throw new InvalidOperationException($"Reading the event's orders failed: {list.Code}");
            }

            orders.AddRange(list.Value!.Select(o => HttpMapping.Order(o.BuyerId, o.Order)));
            if (list.Value!.Length == 0)
            {
                break;
            }
        }

        var info = await api.SendAsync<EventCreatedDto>(HttpMethod.Get, $"/api/events/{eventId}", null, token, cancellationToken);
        var blocks = map.Value!.Blocks.Select(b =>
        {
            var snapshot = HttpMapping.Snapshot(eventId, b);
            var allocations = orders.Where(o => o.BlockId == b.BlockId && o.Status is OrderStatus.Held or OrderStatus.Paid)
                .Select(o => new AllocationView(o.OrderId, o.BuyerId, o.Status == OrderStatus.Paid ? AllocationStatus.Sold : AllocationStatus.Held,
                    [.. o.Lines.Select(l => new HeldItem(l.SeatId, l.CategoryId, l.Quantity))], o.HoldExpiresAt))
                .ToList();
            return new BlockFinalState(b.BlockId, b.Seats.Length, snapshot, allocations);
        }).ToList();
        return new SaleFinalState(eventId, info.Value?.PerBuyerLimit ?? 4, readAt, blocks, orders);
    }
}
