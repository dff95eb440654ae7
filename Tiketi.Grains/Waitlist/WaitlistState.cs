using Tiketi.Waitlist;

namespace Tiketi.Waitlist;

/// <summary>The persisted waitlist of one sale: entries in join order, the offers made, and the audit counters.</summary>
[GenerateSerializer, Alias("tiketi.WaitlistState")]
public sealed class WaitlistState
{
    [Id(0)] public List<WaitlistEntry> Entries { get; set; } = [];

    /// <summary>Offers by order id.</summary>
    [Id(1)] public Dictionary<string, WaitlistOffer> Offers { get; set; } = [];

    /// <summary>Categories the blocks were told the waitlist wants.</summary>
    [Id(2)] public HashSet<string> Wanted { get; set; } = [];

    [Id(3)] public long Joined { get; set; }

    [Id(4)] public long OffersMade { get; set; }

    [Id(5)] public long OffersTaken { get; set; }

    [Id(6)] public long OffersLapsed { get; set; }

    /// <summary>Set once the sale closed or the event was cancelled: nobody waits any more.</summary>
    [Id(7)] public bool Closed { get; set; }
}

[GenerateSerializer, Alias("tiketi.WaitlistEntry")]
public sealed class WaitlistEntry
{
    [Id(0)] public string BuyerId { get; set; } = "";

    [Id(1)] public string CategoryId { get; set; } = "";

    [Id(2)] public int Quantity { get; set; }

    [Id(3)] public DateTimeOffset JoinedAt { get; set; }
}

[GenerateSerializer, Alias("tiketi.WaitlistOffer")]
public sealed class WaitlistOffer
{
    [Id(0)] public string BuyerId { get; set; } = "";

    [Id(1)] public string CategoryId { get; set; } = "";

    [Id(2)] public int Quantity { get; set; }

    [Id(3)] public DateTimeOffset HoldExpiresAt { get; set; }

    [Id(4)] public WaitlistOfferOutcome Outcome { get; set; }

    [Id(5)] public DateTimeOffset OfferedAt { get; set; }
}
