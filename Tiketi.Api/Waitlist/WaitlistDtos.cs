using System.ComponentModel.DataAnnotations;
using Tiketi.Waitlist;

namespace Tiketi.Api.Waitlist;

/// <summary>What to wait for: a price category and how many tickets (1 to the event's per-buyer limit).</summary>
public sealed record WaitlistBody(
    [property: Required, StringLength(64)] string CategoryId,
    int Quantity);

/// <summary>Your place among buyers waiting for the same category (1 is next).</summary>
public sealed record WaitlistPlaceDto(string CategoryId, int Quantity, int Position, DateTimeOffset JoinedAt);

/// <summary>A hold the waitlist gave you: pay order <c>orderId</c> before <c>holdExpiresAt</c>.</summary>
public sealed record WaitlistOfferDto(string OrderId, string CategoryId, int Quantity, DateTimeOffset HoldExpiresAt, WaitlistOfferOutcome Outcome);

/// <summary>Your standing on an event's waitlist: <c>place</c> while waiting, <c>offer</c> once seats came back for you.</summary>
public sealed record WaitlistDto(string EventId, WaitlistPlaceDto? Place, WaitlistOfferDto? Offer);

public static class WaitlistMapping
{
    public static WaitlistDto ToDto(this WaitlistStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            status.EventId,
            status.Place is { } p ? new WaitlistPlaceDto(p.CategoryId, p.Quantity, p.Position, p.JoinedAt) : null,
            status.Offer is { } o ? new WaitlistOfferDto(o.OrderId, o.CategoryId, o.Quantity, o.HoldExpiresAt, o.Outcome) : null);
    }
}
