namespace Tiketi.Queue;

public enum QueueState
{
    NotInQueue = 0,
    Waiting = 1,
    Admitted = 2,
    Expired = 3,
    SoldOut = 4,

    /// <summary>In the pre-queue of a lottery sale: a random place is drawn at <see cref="QueueStatus.OpensAt"/>.</summary>
    PreQueue = 5,

    /// <summary>Silent past the queue's limit: the place was freed (<see cref="QueueStatus.Reason"/>, <see cref="QueueStatus.DroppedAt"/>).</summary>
    Dropped = 6,
}

/// <summary>
/// A buyer's place. <see cref="Pass"/> is set while admitted: the signed token seat holds require.
/// <see cref="OpensAt"/> is set in the pre-queue (when the lottery draws places); <see cref="Reason"/>
/// and <see cref="DroppedAt"/> say why and when a place was lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] QueueState State,
    [property: Id(1)] long Position,
    [property: Id(2)] long PeopleAhead,
    [property: Id(3)] TimeSpan EstimatedWait,
    [property: Id(4)] string? Pass,
    [property: Id(5)] DateTimeOffset? PassExpiresAt,
    [property: Id(6)] DateTimeOffset? OpensAt = null,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] DateTimeOffset? DroppedAt = null);

/// <summary>
/// How fast the queue admits buyers and how many may shop at once; optionally, the proof of work a
/// join must carry (leading zero bits of a SHA-256), so a bot pays CPU per join and a person does not notice.
/// A waiting buyer silent (no join, no status read) for <see cref="SilenceLimit"/> loses the place.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueSettings")]
public sealed record QueueSettings(
    [property: Id(0)] double AdmissionsPerSecond,
    [property: Id(1)] int MaxActiveShoppers,
    [property: Id(2)] TimeSpan PassLifetime,
    [property: Id(3)] TimeSpan IdleTimeout,
    [property: Id(4)] int ProofOfWorkBits = 0,
    [property: Id(5)] TimeSpan? SilenceLimit = null)
{
    /// <summary>At most this many leading zero bits: about a second of a phone's CPU, never more.</summary>
    public const int MaxProofOfWorkBits = 22;

    /// <summary>
    /// Five minutes: the waiting room reads its status at least every 15 seconds, and a background tab
    /// throttled by the browser still about once a minute, so only a buyer who truly left hits it.
    /// </summary>
    public static readonly TimeSpan DefaultSilenceLimit = TimeSpan.FromMinutes(5);

    /// <summary>Shorter would drop buyers whose phone slept for a moment; longer keeps ghosts ahead of real buyers.</summary>
    public static readonly TimeSpan MinSilenceLimit = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxSilenceLimit = TimeSpan.FromHours(2);

    public TimeSpan EffectiveSilenceLimit => SilenceLimit ?? DefaultSilenceLimit;

    public static QueueSettings Default { get; } =
        new(50, 2_000, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));
}

/// <summary>The queue's figures for operators, metrics and autoscaling.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueInfo")]
public sealed record QueueInfo(
    [property: Id(0)] string EventId,
    [property: Id(1)] long Waiting,
    [property: Id(2)] int Active,
    [property: Id(3)] long AdmittedTotal,
    [property: Id(4)] bool SoldOut,
    [property: Id(5)] QueueSettings Settings,
    [property: Id(6)] long PreQueued = 0);

/// <summary>Published on the queue stream: clients derive their position from it without polling.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.QueueProgress")]
public sealed record QueueProgress(
    [property: Id(0)] string EventId,
    [property: Id(1)] long AdmittedUpTo,
    [property: Id(2)] long Waiting,
    [property: Id(3)] bool SoldOut,
    [property: Id(4)] double AdmissionsPerSecond);

/// <summary>
/// Admitted places that ended (left, idle past the limit, finished, replaced by a new place) while their
/// passes had time left: a pass is good only while its place is admitted. Published by the queue on the
/// <see cref="QueueStreams.EndedPlaces"/> stream, which every silo follows into a local set.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.EndedPlaces")]
public sealed record EndedPlaces(
    [property: Id(0)] string EventId,
    [property: Id(1)] System.Collections.Immutable.ImmutableArray<EndedPlace> Places);

/// <summary>A place, named as its pass names it: the buyer and the pass's expiry (Unix milliseconds).</summary>
[GenerateSerializer, Immutable, Alias("tiketi.EndedPlace")]
public sealed record EndedPlace(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] long PassExpiresAtMs);

/// <summary>The stream of ended places: one key for the whole cluster (ends are rare next to polls and holds).</summary>
public static class QueueStreams
{
    public const string EndedPlaces = "queue-ended";
    public const string EndedPlacesKey = "all";
}
