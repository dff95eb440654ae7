using System.Collections.Immutable;
using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;

namespace Tiketi.Seating;

/// <summary>
/// One block of one event (key: "{eventId}/{blockId}"): the only writer of its seats, so contention
/// for a seat is serialized here and nowhere else.
/// </summary>
public interface ISeatBlockGrain : IGrainWithStringKey
{
    /// <summary>Sets the block's layout; refused once anything is held or sold.</summary>
    Task<Result> ConfigureAsync(BlockDefinition block, ImmutableArray<string> categoryIds);

    Task<Result<HoldGrant>> HoldAsync(HoldCommand command);

    /// <summary>Releases a hold. Idempotent: releasing an unknown or released hold succeeds.</summary>
    Task<Result> ReleaseAsync(string holdId, ReleaseReason reason);

    /// <summary>Turns a hold into sold seats. Idempotent: confirming twice is one sale.</summary>
    Task<Result<HoldGrant>> ConfirmAsync(string holdId);

    /// <summary>Puts the seats of a refunded sale back on sale. Idempotent.</summary>
    Task<Result> ReturnSoldAsync(string holdId);

    /// <summary>Stops the block: releases every hold and reports what was held and sold.</summary>
    Task<BlockCancellation> CancelAllAsync();

    [ReadOnly]
    Task<SeatMapSnapshot> GetSnapshotAsync();

    [ReadOnly]
    Task<ImmutableArray<AllocationView>> GetAllocationsAsync();

    /// <summary>
    /// The waitlist wants (or no longer wants) a category: while wanted, seats of it that come free are
    /// reserved for the waitlist instead of going back on sale.
    /// </summary>
    Task SetWaitlistWantedAsync(string categoryId, bool wanted);

    /// <summary>Turns part of a waitlist reservation into the buyer's hold described by <paramref name="command"/>.</summary>
    Task<Result<HoldGrant>> ClaimReservationAsync(string reservationId, HoldCommand command);

    /// <summary>Puts what is left of a waitlist reservation back on sale. Idempotent.</summary>
    Task ReleaseReservationAsync(string reservationId);

    /// <summary>What happened to this block's holds, and when each category ran out (on-sale audit).</summary>
    [ReadOnly]
    Task<BlockAudit> GetAuditAsync();
}
