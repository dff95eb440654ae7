using Tiketi.LoadTest.Invariants;
using Tiketi.LoadTest.Measuring;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Targets;

/// <summary>
/// What the scenarios drive: a TIKETI deployment reached through an Orleans client (silo, inproc) or
/// through its REST API (http). Calls answer a <see cref="Reply{T}"/> and never throw for a sale
/// outcome; scenarios time them.
/// </summary>
public interface ISaleTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The clock the sale rules run on (hold expiry), for the invariant check.</summary>
    TimeProvider SaleClock { get; }

    /// <summary>How long past its expiry a hold may still be seen (the expiry sweep's period), in sale time.</summary>
    TimeSpan HoldGrace { get; }

    ISaleStateReader StateReader { get; }

    /// <summary>Creates an event of <paramref name="spec"/>'s shape, opens its sale and sets its queue; returns the event id.</summary>
    Task<string> CreateSaleAsync(SaleSpec spec, CancellationToken cancellationToken);

    /// <summary>A buyer ready to act (over HTTP: registered and logged in; <paramref name="metrics"/> times that).</summary>
    Task<Reply<IBuyerSession>> SignInAsync(string buyerId, Metrics metrics, CancellationToken cancellationToken);

    /// <summary>Every block's seats, as the seat-map page reads them.</summary>
    Task<Reply<IReadOnlyList<SeatMapSnapshot>>> ReadSeatMapAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Available and held units per block, as the sale page shows them.</summary>
    Task<Reply<IReadOnlyDictionary<string, BlockAvailability>>> ReadAvailabilityAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Queue progress pushed by the cluster, or null where the target offers none (then buyers poll).</summary>
    Task<AdmissionWatch?> WatchQueueAsync(string eventId, CancellationToken cancellationToken);
}

/// <summary>One buyer's requests.</summary>
public interface IBuyerSession
{
    string BuyerId { get; }

    /// <summary>
    /// Whether a hold sent with the same <c>idempotencyKey</c> twice returns the same hold (so a hold whose
    /// answer was lost may be sent again); otherwise a second send may be a second hold.
    /// </summary>
    bool KeyedHolds { get; }

    Task<Reply<QueueStatus>> JoinQueueAsync(string eventId, CancellationToken cancellationToken);

    Task<Reply<QueueStatus>> QueueStatusAsync(string eventId, CancellationToken cancellationToken);

    Task<Reply<HeldOrder>> HoldAsync(string eventId, string blockId, HoldSelection selection, string? pass, string idempotencyKey, CancellationToken cancellationToken);

    Task<Reply<PaidOrder>> CheckoutAsync(string orderId, string idempotencyKey, string cardNumber, CancellationToken cancellationToken);

    Task<Reply<SeatMapSnapshot>> ReadBlockAsync(string eventId, string blockId, CancellationToken cancellationToken);
}

public sealed record HeldOrder(string OrderId, string BlockId, int Quantity, DateTimeOffset ExpiresAt);

public sealed record PaidOrder(string OrderId, int Tickets);

public sealed record BlockAvailability(int Available, int Held, int Sold);

/// <summary>
/// The event a scenario creates: <see cref="Seats"/> reserved seats in <see cref="Blocks"/> blocks of
/// rows of <see cref="SeatsPerRow"/>, one price category "std", behind a queue admitting
/// <see cref="AdmissionsPerSecond"/> with at most <see cref="MaxActiveShoppers"/> shopping at once, a shopper's
/// slot freed after <see cref="IdleTimeout"/> without activity.
/// </summary>
public sealed record SaleSpec(
    int Seats,
    int Blocks,
    int SeatsPerRow,
    int PerBuyerLimit,
    TimeSpan HoldDuration,
    bool QueueEnabled,
    double AdmissionsPerSecond,
    int MaxActiveShoppers,
    TimeSpan IdleTimeout,
    bool Lottery = false,
    TimeSpan OpensIn = default)
{
    /// <summary>
    /// When the sale opens, on the sale clock: now (FIFO), or <see cref="OpensIn"/> from now for a lottery,
    /// whose buyers wait in the pre-queue until then and are drawn into the queue at the opening.
    /// </summary>
    public DateTimeOffset OpensAt(DateTimeOffset now) => Lottery ? now + OpensIn : now.AddMinutes(-1);

    public const string Category = "std";

    /// <summary>Seats of each block: as even as possible, whole rows.</summary>
    public IReadOnlyList<int> RowsPerBlock()
    {
        var rows = (int)Math.Ceiling((double)Seats / SeatsPerRow);
        return [.. Enumerable.Range(0, Blocks).Select(b => (rows / Blocks) + (b < rows % Blocks ? 1 : 0))];
    }

    public static string BlockId(int index) => $"B{index + 1}";

    /// <summary>A, B, ... Z, AA, AB, ...: the labels the API's layout generator uses too.</summary>
    public static string RowLabel(int row) => row < 26 ? ((char)('A' + row)).ToString() : $"{(char)('A' + (row / 26) - 1)}{(char)('A' + (row % 26))}";
}
