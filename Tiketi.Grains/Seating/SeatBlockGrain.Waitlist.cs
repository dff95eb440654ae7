using Tiketi.Common;
using Tiketi.Waitlist;

namespace Tiketi.Seating;

/// <summary>
/// The block's side of the waitlist. Like every command here, each changes <c>_working</c> before its
/// first await, then waits for the batched write.
/// </summary>
public sealed partial class SeatBlockGrain
{
    public async Task SetWaitlistWantedAsync(string categoryId, bool wanted)
    {
        if (_inventory.SetWaitlistWanted(categoryId, wanted))
        {
            _forceWrite = true;
            await CommitAsync();
        }
    }

    public async Task<Result<HoldGrant>> ClaimReservationAsync(string reservationId, HoldCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = _inventory.ClaimReservation(reservationId, command, clock.GetUtcNow());

        // Reserved seats become held seats: no seat changes state, yet the new hold must be on disk.
        _forceWrite |= result.IsSuccess;
        await CommitAsync();
        return result;
    }

    public async Task ReleaseReservationAsync(string reservationId)
    {
        if (_inventory.ReleaseReservation(reservationId))
        {
            await CommitAsync();
        }
    }

    private async Task TellWaitlistAsync(List<WaitlistReservation> reserved)
    {
        foreach (var reservation in reserved)
        {
            await GrainFactory.GetGrain<IWaitlistGrain>(_eventId).SeatsReservedAsync(reservation);
        }
    }
}
