namespace Tiketi.Queue;

/// <summary>
/// What one change of the queue looks like in its journal: a tag byte, then the fields. A record is
/// the changes of one batch of commands in order; replaying the records over the last snapshot
/// rebuilds the queue exactly. Never renumber a tag: old records must keep reading.
/// </summary>
internal enum QueueEvent : byte
{
    /// <summary>Second zero of the compact times (UTC ticks).</summary>
    Epoch = 1,

    /// <summary>A place at the end: buyer, arrival second (zigzag delta from the record's previous arrival).</summary>
    Joined = 2,

    /// <summary>Into the pre-queue: buyer, arrival second (delta, as <see cref="Joined"/>).</summary>
    PreJoined = 3,

    /// <summary>Out of the pre-queue: the entry's index.</summary>
    PreLeft = 4,

    /// <summary>The lottery: seed (8 bytes), time. The order follows from the pre-queue and the seed.</summary>
    Drawn = 5,

    /// <summary>A waiting place given up: its sequence number.</summary>
    Left = 6,

    /// <summary>An admitted buyer left: their place's sequence number (slot freed, admission forgotten).</summary>
    ShopperLeft = 7,

    /// <summary>A shopper finished: their place (slot freed, pass still good).</summary>
    Completed = 8,

    /// <summary>A shopper was active: their place and new idle time.</summary>
    Touched = 9,

    /// <summary>The next n waiting places admitted at a time, and the token bucket after it.</summary>
    Admitted = 10,

    /// <summary>Silent buyers dropped by one sweep: its time, the count, then each place (delta-coded).</summary>
    Dropped = 11,

    /// <summary><see cref="QueueSettings"/> as JSON.</summary>
    Configured = 12,

    /// <summary>Whether a schedule follows, then <see cref="QueueSchedule"/> as JSON.</summary>
    Scheduled = 13,

    SoldOut = 14,
}
