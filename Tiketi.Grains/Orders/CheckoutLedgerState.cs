namespace Tiketi.Orders;

/// <summary>The persisted open checkouts of one ledger grain: orders that began paying and have not settled.</summary>
[GenerateSerializer, Alias("tiketi.CheckoutLedgerState")]
public sealed class CheckoutLedgerState
{
    [Id(0)] public HashSet<string> Open { get; set; } = new(StringComparer.Ordinal);
}
