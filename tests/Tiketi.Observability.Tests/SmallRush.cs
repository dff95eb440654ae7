using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Observability.Tests;

/// <summary>
/// A rush small enough to count by hand, driven straight through the host's cluster client: an event of
/// one 2×10 block in category "std" behind a queue that lets 6 shop at once; 10 buyers join, 6 are
/// admitted and each holds 2 seats; 30 s later 3 pay and 1 is declined.
/// </summary>
public sealed class SmallRush(ObservabilityFactory factory)
{
    public const int Buyers = 10;
    public const int Shoppers = 6;
    public const int SeatsEach = 2;
    public const int Payers = 3;
    public static readonly TimeSpan HoldToPay = TimeSpan.FromSeconds(30);

    public string EventId { get; } = $"rush-{Guid.NewGuid():N}"[..20];

    public List<OrderView> Holds { get; } = [];

    private IClusterClient Client => factory.Cluster;

    public async Task CreateEventAsync()
    {
        var now = factory.Clock.GetUtcNow();
        var block = BlockDefinition.Reserved("B1", "Block 1", [RowDefinition.Of("A", 10, "std"), RowDefinition.Of("B", 10, "std")]);
        var definition = new EventDefinition(
            "Metrics rush", "Test artist", "Test hall", now.AddDays(30), now.AddMinutes(-1), now.AddDays(29),
            [new PriceCategory("std", "Standard", 99_000)], [block], PerBuyerLimit: 4, HoldDuration: TimeSpan.FromMinutes(7), QueueEnabled: true);
        var grain = Client.GetGrain<IEventGrain>(EventId);
        Assert.True((await grain.DefineAsync(definition)).IsSuccess);
        Assert.True((await grain.OpenSaleAsync()).IsSuccess);
        await Queue.ConfigureAsync(new QueueSettings(100, Shoppers, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(20)));
    }

    public IWaitingQueueGrain Queue => Client.GetGrain<IWaitingQueueGrain>(EventId);

    public static string Buyer(int i) => $"buyer-{i}";

    /// <summary>Everyone joins; a second later the queue admits the first <see cref="Shoppers"/>.</summary>
    public async Task<List<(string Buyer, string Pass)>> JoinAndAdmitAsync()
    {
        for (var i = 0; i < Buyers; i++)
        {
            Assert.True((await Queue.JoinAsync(Buyer(i))).IsSuccess);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var admitted = new List<(string, string)>();
        for (var i = 0; i < Buyers; i++)
        {
            var status = await Queue.GetStatusAsync(Buyer(i));
            if (status is { State: QueueState.Admitted, Pass: { } pass })
            {
                admitted.Add((Buyer(i), pass));
            }
        }

        Assert.Equal(Shoppers, admitted.Count);
        return admitted;
    }

    public async Task HoldAsync(List<(string Buyer, string Pass)> admitted)
    {
        foreach (var (buyer, pass) in admitted)
        {
            var held = await Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(EventId, buyer))
                .HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", SeatsEach), pass));
            Assert.True(held.IsSuccess, held.Message);
            Holds.Add(held.Value!);
        }
    }

    /// <summary>After <see cref="HoldToPay"/>, the first <see cref="Payers"/> holders pay and the next one is declined.</summary>
    public async Task CheckoutAsync()
    {
        factory.Clock.Advance(HoldToPay);
        foreach (var order in Holds.Take(Payers))
        {
            var paid = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k1", TestPaymentGateway.ApprovedCard));
            Assert.True(paid.IsSuccess, paid.Message);
        }

        var declined = Holds[Payers];
        var result = await Order(declined).CheckoutAsync(new CheckoutRequest(declined.BuyerId, "k2", TestPaymentGateway.DeclinedCard));
        Assert.Equal(Reasons.PaymentDeclined, result.Code);
    }

    private IOrderGrain Order(OrderView order) => Client.GetGrain<IOrderGrain>(order.OrderId);

    public static ImmutableArray<string> Seats(params string[] ids) => [.. ids];
}
