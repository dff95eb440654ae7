using System.Collections.Immutable;

namespace Tiketi.Seating;

/// <summary>
/// What a buyer asks to hold in one block: explicit seat ids (reserved seating), or a quantity of a
/// category (best available in reserved seating, places in general admission).
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.HoldSelection")]
public sealed record HoldSelection(
    [property: Id(0)] ImmutableArray<string> SeatIds,
    [property: Id(1)] string? CategoryId,
    [property: Id(2)] int Quantity)
{
    public bool IsExplicit => !SeatIds.IsDefaultOrEmpty;

    public int Count => IsExplicit ? SeatIds.Length : Quantity;

    public static HoldSelection Seats(params string[] seatIds) => new([.. seatIds], null, 0);

    public static HoldSelection Best(string categoryId, int quantity) => new([], categoryId, quantity);
}

/// <summary>The block-level hold command; the hold id doubles as the order id.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.HoldCommand")]
public sealed record HoldCommand(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] HoldSelection Selection,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>One line of a hold or an order: a seat (quantity 1) or general-admission places.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.HeldItem")]
public sealed record HeldItem(
    [property: Id(0)] string? SeatId,
    [property: Id(1)] string CategoryId,
    [property: Id(2)] int Quantity);

[GenerateSerializer, Immutable, Alias("tiketi.HoldGrant")]
public sealed record HoldGrant(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string BlockId,
    [property: Id(2)] ImmutableArray<HeldItem> Items,
    [property: Id(3)] DateTimeOffset ExpiresAt)
{
    public int Quantity => Items.Sum(i => i.Quantity);
}

public enum AllocationStatus
{
    Held = 0,
    Sold = 1,
}

/// <summary>Who holds or bought what in a block: used by audits and invariant checks.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.AllocationView")]
public sealed record AllocationView(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] AllocationStatus Status,
    [property: Id(3)] ImmutableArray<HeldItem> Items,
    [property: Id(4)] DateTimeOffset ExpiresAt);

public enum ReleaseReason
{
    BuyerReleased = 0,
    Expired = 1,
    ForcedByAdmin = 2,
    EventCancelled = 3,
    CheckoutFailed = 4,
}

/// <summary>What a cancelled block hands back: the holds it dropped and the sales to refund.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.BlockCancellation")]
public sealed record BlockCancellation(
    [property: Id(0)] ImmutableArray<string> ReleasedHoldIds,
    [property: Id(1)] ImmutableArray<string> SoldHoldIds);
