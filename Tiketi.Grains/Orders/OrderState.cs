namespace Tiketi.Orders;

/// <summary>The persisted order: its current view and the key of the checkout that paid it.</summary>
[GenerateSerializer, Alias("tiketi.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderView? Order { get; set; }

    [Id(1)] public string? CheckoutKey { get; set; }

    /// <summary>
    /// Set, durably, before the card is charged: from then on the order owes the buyer an outcome
    /// (paid, or refunded) even if the checkout that started it never finishes.
    /// </summary>
    [Id(3)] public DateTimeOffset? PaymentStartedAt { get; set; }

    /// <summary>Tickets already admitted at the door, with the time of the scan.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> CheckedIn { get; set; } = [];
}
