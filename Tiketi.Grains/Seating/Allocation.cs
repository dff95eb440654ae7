namespace Tiketi.Seating;

/// <summary>A hold or a sale: reserved seat indexes (ascending), or a quantity of general-admission places.</summary>
[GenerateSerializer, Alias("tiketi.Allocation")]
public sealed class Allocation
{
    [Id(0)] public string BuyerId { get; set; } = "";

    [Id(1)] public AllocationStatus Status { get; set; }

    [Id(2)] public int[] Seats { get; set; } = [];

    /// <summary>The category index of a general-admission allocation or a waitlist reservation.</summary>
    [Id(3)] public byte Category { get; set; }

    [Id(4)] public int Quantity { get; set; }

    [Id(5)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Seats or places.</summary>
    public int Size => Quantity > 0 ? Quantity : Seats.Length;
}
