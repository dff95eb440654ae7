using System.Collections.Immutable;
using Tiketi.Common;

namespace Tiketi.Orders;

/// <summary>
/// The checkouts of one sale whose payment began and whose outcome is not yet settled, spread over
/// <see cref="Shards"/> grains (key: "{eventId}/{shard}", see <see cref="GrainKeys.Ledger"/>). An order records its
/// checkout here, durably, before charging the card; the ledger asks any entry that stays open past a
/// tick to settle (<see cref="IOrderGrain.SettleAsync"/>), after any crash, so nobody is charged without
/// an outcome. One reminder per ledger grain, not a reminder row written and deleted per checkout.
/// </summary>
public interface ICheckoutLedgerGrain : IGrainWithStringKey
{
    /// <summary>How many ledger grains one sale has.</summary>
    public const int Shards = 8;

    /// <summary>Records that <paramref name="orderId"/> is about to charge; durable when the call returns.</summary>
    Task BeginAsync(string orderId);

    /// <summary>The order settled (paid, refunded, or ended with nothing charged): it need not be asked again.</summary>
    [OneWay]
    Task EndAsync(string orderId);

    /// <summary>The orders whose checkout is still open, for operators and tests.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> OpenAsync();
}
