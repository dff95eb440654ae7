using System.ComponentModel.DataAnnotations;

namespace Tiketi.Silo.Observability;

/// <summary>Pre-warming before a sale opens, bound from "Autoscaling".</summary>
public sealed class PrewarmOptions
{
    public const string Section = "Autoscaling";

    public bool PrewarmEnabled { get; set; } = true;

    /// <summary>How often the upcoming sales are looked at and the floor published.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PrewarmInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Expected buyers per seat of an event, until events carry their own forecast: the design's example
    /// rush is 300,000 buyers for 50,000 seats.
    /// </summary>
    [Range(0.0, 1000.0)]
    public double ExpectedBuyersPerSeat { get; set; } = 6;

    /// <summary>At most this many events of the catalogue are looked at per round (upcoming first).</summary>
    [Range(1, 100_000)]
    public int MaxEventsScanned { get; set; } = 1_000;
}
