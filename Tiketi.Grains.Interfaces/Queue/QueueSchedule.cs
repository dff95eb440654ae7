namespace Tiketi.Queue;

/// <summary>How an event orders its early buyers.</summary>
public enum QueueMode
{
    /// <summary>First come, first served from the first join.</summary>
    Fifo = 0,

    /// <summary>Buyers arriving in the pre-queue window get a random place at the opening; later ones FIFO.</summary>
    Lottery = 1,
}

/// <summary>
/// What the event tells its queue about the opening: the mode, when the pre-queue opens, and when the
/// sale opens (the moment of the lottery draw).
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueSchedule")]
public sealed record QueueSchedule(
    [property: Id(0)] QueueMode Mode,
    [property: Id(1)] DateTimeOffset PreQueueOpensAt,
    [property: Id(2)] DateTimeOffset SaleOpensAt);
