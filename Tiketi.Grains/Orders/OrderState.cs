namespace Tiketi.Orders;

/// <summary>The persisted order: its current view and the key of the checkout that paid it.</summary>
[GenerateSerializer, Alias("tiketi.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderView? Order { get; set; }

    [Id(1)] public string? CheckoutKey { get; set; }
}
