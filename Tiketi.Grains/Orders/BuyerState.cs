namespace Tiketi.Orders;

/// <summary>The persisted purchases of one buyer for one event, by order id.</summary>
[GenerateSerializer, Alias("tiketi.BuyerState")]
public sealed class BuyerState
{
    [Id(0)] public Dictionary<string, BuyerOrder> Orders { get; set; } = [];
}
