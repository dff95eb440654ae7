namespace Tiketi.Waitlist;

/// <summary>Seats a block set aside for the waitlist: a quantity of one category, until the block's guard runs out.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistReservation")]
public sealed record WaitlistReservation(
    [property: Id(0)] string BlockId,
    [property: Id(1)] string ReservationId,
    [property: Id(2)] string CategoryId,
    [property: Id(3)] int Quantity);

/// <summary>What the waitlist asks a buyer grain to turn into a hold: part of a reservation.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistOfferCommand")]
public sealed record WaitlistOfferCommand(
    [property: Id(0)] string BlockId,
    [property: Id(1)] string ReservationId,
    [property: Id(2)] string CategoryId,
    [property: Id(3)] int Quantity);

/// <summary>A buyer's place: <see cref="Position"/> counts from 1 among those waiting for the same category.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistPlace")]
public sealed record WaitlistPlace(
    [property: Id(0)] string CategoryId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] int Position,
    [property: Id(3)] DateTimeOffset JoinedAt);

public enum WaitlistOfferOutcome
{
    Open = 0,
    Taken = 1,
    Lapsed = 2,
}

/// <summary>A hold the waitlist gave a buyer: pay it before <see cref="HoldExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistOfferView")]
public sealed record WaitlistOfferView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CategoryId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] DateTimeOffset HoldExpiresAt,
    [property: Id(4)] WaitlistOfferOutcome Outcome);

/// <summary>One buyer's standing on the waitlist: the place (if waiting) and the latest offer (if any).</summary>
[GenerateSerializer, Immutable, Alias("tiketi.WaitlistStatus")]
public sealed record WaitlistStatus(
    [property: Id(0)] string EventId,
    [property: Id(1)] WaitlistPlace? Place,
    [property: Id(2)] WaitlistOfferView? Offer);
