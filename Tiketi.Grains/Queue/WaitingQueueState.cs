namespace Tiketi.Queue;

/// <summary>
/// The queue as builds before the journal stored it: one grain-state row rewritten whole on every write.
/// Read only to carry such a queue into its journal once (<see cref="LegacyQueueImport"/>); never written.
/// <see cref="Entries"/> is the queue order (index = sequence number); <see cref="Outcomes"/> says whether
/// a place still waits; times are seconds since <see cref="Epoch"/>.
/// </summary>
[GenerateSerializer, Alias("tiketi.WaitingQueueState")]
public sealed class WaitingQueueState
{
    /// <summary>Buyer per sequence number. Null only in queues written before the audit existed.</summary>
    [Id(0)] public List<string?> Entries { get; set; } = [];

    /// <summary>The sequence number of the next buyer to admit.</summary>
    [Id(1)] public long Head { get; set; }

    [Id(2)] public Dictionary<string, Admission> Admitted { get; set; } = [];

    [Id(3)] public long AdmittedTotal { get; set; }

    [Id(4)] public QueueSettings Settings { get; set; } = QueueSettings.Default;

    [Id(5)] public bool SoldOut { get; set; }

    /// <summary>Admissions earned but not yet used (a token bucket, so rate holds across ticks).</summary>
    [Id(6)] public double Tokens { get; set; }

    [Id(7)] public DateTimeOffset LastTick { get; set; }

    /// <summary>The event's mode and opening; null (FIFO) until the event hands it over.</summary>
    [Id(8)] public QueueSchedule? Schedule { get; set; }

    /// <summary>Buyers waiting for the lottery draw, in arrival order (null: left); emptied by the draw.</summary>
    [Id(9)] public List<string?> PreQueue { get; set; } = [];

    /// <summary>Arrival second of each pre-queued buyer, parallel to <see cref="PreQueue"/>.</summary>
    [Id(10)] public List<int> PreQueueArrivals { get; set; } = [];

    /// <summary>The lottery's seed: <see cref="QueueShuffle"/> replays the draw from it.</summary>
    [Id(11)] public ulong? ShuffleSeed { get; set; }

    [Id(12)] public DateTimeOffset? ShuffledAt { get; set; }

    /// <summary>The draw's places are sequence numbers [PreQueueStart, PreQueueStart + PreQueued).</summary>
    [Id(13)] public long PreQueueStart { get; set; }

    [Id(14)] public long PreQueued { get; set; }

    /// <summary>Second zero of the compact times below (the first arrival).</summary>
    [Id(15)] public DateTimeOffset Epoch { get; set; }

    [Id(16)] public List<int> Arrivals { get; set; } = [];

    /// <summary>A <see cref="Audit.QueueOutcome"/> per place, as a byte.</summary>
    [Id(17)] public List<byte> Outcomes { get; set; } = [];

    /// <summary>Admission second per place; <see cref="int.MinValue"/> for none.</summary>
    [Id(18)] public List<int> AdmittedAts { get; set; } = [];

    /// <summary>Buyers who lost their place to silence, and when; forgotten when they join again.</summary>
    [Id(19)] public Dictionary<string, DateTimeOffset> Dropped { get; set; } = [];
}

/// <summary>An admitted buyer: shopping until the pass expires, they go idle, or they finish.</summary>
[GenerateSerializer, Alias("tiketi.Admission")]
public sealed class Admission
{
    [Id(0)] public DateTimeOffset PassExpiresAt { get; set; }

    [Id(1)] public DateTimeOffset IdleUntil { get; set; }

    /// <summary>The shopper's slot went back to the queue (finished, idle or expired).</summary>
    [Id(2)] public bool SlotFreed { get; set; }
}
