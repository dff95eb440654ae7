using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Tiketi.Common;
using Tiketi.Storage;

namespace Tiketi.Orders;

/// <summary>
/// Open checkouts of one shard of a sale. Reentrant, like a seat block: commands change the set before
/// their first await, then wait for a shared write, so a rush of checkouts costs a few writes. An end
/// costs no write of its own: the next write drops it, and until then a crash only means the order is
/// asked once more and answers "settled". A tick asks every checkout still open since the previous
/// tick to settle. One reminder per ledger grain, registered before the first open checkout is written
/// and dropped once nothing is open, brings a ledger back after its silo died.
/// </summary>
[Reentrant]
public sealed class CheckoutLedgerGrain(
    [PersistentState("checkouts", StorageNames.Sale)] IPersistentState<CheckoutLedgerState> state,
    IOptions<SaleOptions> options,
    ILogger<CheckoutLedgerGrain> logger) : Grain, ICheckoutLedgerGrain, IRemindable
{
    /// <summary>At most this many orders are asked to settle at once, so a backlog after an outage does not flood the gateway.</summary>
    public const int SettlesPerTick = 100;

    private const string Reminder = "settle-checkouts";
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    // Open at the previous tick: these are asked at the next one. A checkout normally ends long before.
    private HashSet<string> _seen = new(StringComparer.Ordinal);
    private StateWriteBatch _writes = null!;
    private IGrainTimer? _timer;
    private bool _dirty;
    private bool _reminderOn;
    private bool _reminderUnwanted;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _open.UnionWith(state.State.Open);

        // Loaded from storage: an earlier activation left these open, so they are due at the first tick.
        _seen = new HashSet<string>(_open, StringComparer.Ordinal);
        _reminderOn = _open.Count > 0;
        _writes = new StateWriteBatch(FlushAsync, DeactivateOnIdle);
        Tick();
        return Task.CompletedTask;
    }

    public async Task BeginAsync(string orderId)
    {
        _dirty |= _open.Add(orderId);
        Tick();
        await _writes.WriteAsync();
    }

    public Task EndAsync(string orderId)
    {
        if (_open.Remove(orderId))
        {
            _seen.Remove(orderId);
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> OpenAsync() => Task.FromResult(_open.Order(StringComparer.Ordinal).ToImmutableArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Nothing open and nothing unwritten: the reminder goes, in the write queue where all reminder changes happen.
        _reminderOn = true;
        _reminderUnwanted = _open.Count == 0;
        await SettleDueAsync();
        await _writes.WriteAsync();
    }

    private void Tick()
    {
        if (_timer is null && _open.Count > 0)
        {
            var every = options.Value.PaymentSettleInterval;
            _timer = this.RegisterGrainTimer(SettleDueAsync, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        }
    }

    private async Task SettleDueAsync()
    {
        var due = _open.Where(_seen.Contains).Take(SettlesPerTick).ToList();
        _seen = new HashSet<string>(_open.Except(due), StringComparer.Ordinal);
        var settled = await Task.WhenAll(due.Select(SettleAsync));
        foreach (var orderId in settled.OfType<string>())
        {
            _dirty |= _open.Remove(orderId);
            _seen.Remove(orderId);
        }

        // Undue entries wait a tick in _seen; those asked and still open are asked again next tick.
        _seen.UnionWith(due.Where(_open.Contains));
        if (_dirty)
        {
            await _writes.WriteAsync();
        }

        if (_open.Count == 0 && !_dirty)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>The order's id once it has settled; null while it still owes an outcome or could not be asked.</summary>
    private async Task<string?> SettleAsync(string orderId)
    {
        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(orderId).SettleAsync() ? orderId : null;
        }
        catch (Exception exception)
        {
            OrderLog.SettleFailed(logger, exception, orderId);
            return null;
        }
    }

    /// <summary>One write at a time: the reminder before open checkouts are first on disk, the state, then a reminder no longer wanted.</summary>
    private async Task FlushAsync()
    {
        if (_open.Count > 0 && !_reminderOn)
        {
            var every = options.Value.PaymentSettleInterval;
            await ReminderRegistration.RegisterAsync(this, Reminder, every, every);
            _reminderOn = true;
            _reminderUnwanted = false;
        }

        if (_dirty)
        {
            _dirty = false;
            state.State = new CheckoutLedgerState { Open = new HashSet<string>(_open, StringComparer.Ordinal) };
            await state.WriteStateAsync();
        }

        if (_reminderOn && _reminderUnwanted && _open.Count == 0 && !_dirty)
        {
            await ReminderRegistration.UnregisterAsync(this, Reminder);

            _reminderOn = false;
        }

        _reminderUnwanted = false;
    }
}
