namespace Tiketi.Orders;

/// <summary>The buyer's record of an order the waitlist offered (issue #10).</summary>
public sealed partial class BuyerOrder
{
    /// <summary>Set when the waitlist offered this hold, so its end (paid or lapsed) is reported back to it.</summary>
    [Id(30)] public bool FromWaitlist { get; set; }
}
