using System.Collections.Concurrent;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>What the buyers were told: the holds granted and the orders confirmed paid. The audit checks them against the sale.</summary>
public sealed class RushLedger
{
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _paid = new(StringComparer.Ordinal);
    private int _waiting;
    private int _shopping;

    public IReadOnlyCollection<string> Held => [.. _held.Keys];

    public IReadOnlyCollection<string> Paid => [.. _paid.Keys];

    public int PaidCount => _paid.Count;

    public int Waiting => Volatile.Read(ref _waiting);

    public int Shopping => Volatile.Read(ref _shopping);

    public void Granted(string orderId) => _held.TryAdd(orderId, 0);

    public void Confirmed(string orderId) => _paid.TryAdd(orderId, 0);

    public void EnterQueue() => Interlocked.Increment(ref _waiting);

    public void Admitted()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _shopping);
    }

    public void LeftQueue() => Interlocked.Decrement(ref _waiting);

    public void DoneShopping() => Interlocked.Decrement(ref _shopping);
}
