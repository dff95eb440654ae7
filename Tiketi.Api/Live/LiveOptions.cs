using System.ComponentModel.DataAnnotations;

namespace Tiketi.Api.Live;

/// <summary>Limits of the live push, bound from the "Live" configuration section and validated at start.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How many events one connection may watch at once.</summary>
    [Range(1, 1_000)]
    public int MaxWatchedEventsPerConnection { get; set; } = 20;

    /// <summary>How many recent deltas this host keeps per block for watchers that come back after a drop.</summary>
    [Range(1, 100_000)]
    public int DeltasKeptPerBlock { get; set; } = 256;

    /// <summary>
    /// How often a client host that lost its cluster calls it to get the connection back: an Orleans
    /// client reconnects only when it has something to send, and a relay that only listens never has.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReconnectProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
}
