using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>The persisted state of one block. Seats are one status byte each, in row order.</summary>
[GenerateSerializer, Alias("tiketi.SeatBlockState")]
public sealed partial class SeatBlockState
{
    [Id(0)] public BlockDefinition? Definition { get; set; }

    [Id(1)] public List<string> CategoryIds { get; set; } = [];

    [Id(2)] public byte[] Seats { get; set; } = [];

    /// <summary>Capacity per category index (general admission only).</summary>
    [Id(3)] public int[] AreaCapacity { get; set; } = [];

    [Id(4)] public Dictionary<string, Allocation> Allocations { get; set; } = [];

    [Id(5)] public long Version { get; set; }

    /// <summary>Set when the event is cancelled: nothing more can be held.</summary>
    [Id(6)] public bool Closed { get; set; }

    /// <summary>On-sale audit counters; null in state written before the audit existed.</summary>
    [Id(40)] public BlockAuditState? Audit { get; set; }
}

/// <summary>A hold or a sale: reserved seat indexes, or a quantity of general-admission places.</summary>
[GenerateSerializer, Alias("tiketi.Allocation")]
public sealed class Allocation
{
    [Id(0)] public string BuyerId { get; set; } = "";

    [Id(1)] public AllocationStatus Status { get; set; }

    [Id(2)] public int[] Seats { get; set; } = [];

    [Id(3)] public byte Category { get; set; }

    [Id(4)] public int Quantity { get; set; }

    [Id(5)] public DateTimeOffset ExpiresAt { get; set; }
}
