namespace Tiketi.Orders;

/// <summary>The persisted order: its current view and the key of the checkout that paid it.</summary>
[GenerateSerializer, Alias("tiketi.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderView? Order { get; set; }

    [Id(1)] public string? CheckoutKey { get; set; }

    // [Id(3)] was PaymentStartedAt (an order write before each charge); the checkout ledger replaced it. Never reuse 3.

    /// <summary>Tickets already admitted at the door, with the time of the scan.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> CheckedIn { get; set; } = [];
}
