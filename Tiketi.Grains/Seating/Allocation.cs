namespace Tiketi.Seating;

/// <summary>A hold or a sale: reserved seat indexes (ascending), or a quantity of general-admission places.</summary>
public sealed class Allocation
{
    public string BuyerId { get; set; } = "";

    public AllocationStatus Status { get; set; }

    public int[] Seats { get; set; } = [];

    /// <summary>The category index of a general-admission allocation or a waitlist reservation.</summary>
    public byte Category { get; set; }

    public int Quantity { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Seats or places.</summary>
    public int Size => Quantity > 0 ? Quantity : Seats.Length;
}
