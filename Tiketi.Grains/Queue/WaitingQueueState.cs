namespace Tiketi.Queue;

/// <summary>
/// The persisted queue. <see cref="Entries"/> is the arrival order: index = sequence number, a null
/// slot is a buyer who left or was admitted. Lookup indexes are rebuilt on activation, not stored.
/// </summary>
[GenerateSerializer, Alias("tiketi.WaitingQueueState")]
public sealed class WaitingQueueState
{
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
