namespace Tiketi.Queue;

/// <summary>
/// Admitted buyers and the slots they take: a slot is freed when the shopper finishes, leaves, goes idle
/// or their pass expires, and the admission is forgotten a day after the pass expired. Expiry and
/// forgetting are min-heaps by time, so a tick costs O(log active) per shopper it frees, never a pass
/// over everyone admitted. A touch only moves the shopper's idle time: a heap entry found early when it
/// surfaces goes back in at the new time (one entry per shopper per heap, whatever the touches).
/// </summary>
internal sealed class ShopperSlots
{
    /// <summary>Nobody asks about an admission a day after its pass expired; forgetting keeps memory bounded.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromDays(1);

    private readonly Dictionary<string, Shopper> _byBuyer = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Shopper, DateTimeOffset> _byIdle = new();
    private readonly PriorityQueue<Shopper, DateTimeOffset> _byForget = new();

    public int Active { get; private set; }

    public IEnumerable<Shopper> All => _byBuyer.Values;

    public Shopper? Find(string buyerId) => _byBuyer.GetValueOrDefault(buyerId);

    public Shopper Admit(string buyerId, int seq, DateTimeOffset passExpiresAt, DateTimeOffset idleUntil, bool slotFreed)
    {
        Forget(buyerId);
        var shopper = new Shopper(buyerId, seq, passExpiresAt) { IdleUntil = idleUntil, SlotFreed = slotFreed };
        _byBuyer[buyerId] = shopper;
        _byForget.Enqueue(shopper, passExpiresAt + Remembered);
        if (!slotFreed)
        {
            _byIdle.Enqueue(shopper, idleUntil);
            Active++;
        }

        return shopper;
    }

    /// <summary>Frees the slot (the pass stays good until it expires). False when the buyer holds none.</summary>
    public bool Free(string buyerId)
    {
        if (!_byBuyer.TryGetValue(buyerId, out var shopper) || shopper.SlotFreed)
        {
            return false;
        }

        shopper.SlotFreed = true;
        Active--;
        return true;
    }

    /// <summary>Frees the slot and forgets the admission (the buyer left, or queues again). False when there was none.</summary>
    public bool Forget(string buyerId)
    {
        if (!_byBuyer.Remove(buyerId, out var shopper))
        {
            return false;
        }

        if (!shopper.SlotFreed)
        {
            shopper.SlotFreed = true;
            Active--;
        }

        return true;
    }

    /// <summary>Frees the slots of shoppers idle or expired at <paramref name="now"/>, and forgets old admissions.</summary>
    public void Expire(DateTimeOffset now)
    {
        while (_byIdle.TryPeek(out var shopper, out var due) && due <= now)
        {
            _byIdle.Dequeue();
            if (shopper.SlotFreed || !IsCurrent(shopper))
            {
                continue;
            }

            // IdleUntil never passes PassExpiresAt, so idle time alone decides when the slot frees.
            if (shopper.IdleUntil > now)
            {
                _byIdle.Enqueue(shopper, shopper.IdleUntil);
                continue;
            }

            shopper.SlotFreed = true;
            Active--;
        }

        while (_byForget.TryPeek(out var shopper, out var due) && due <= now)
        {
            _byForget.Dequeue();
            if (IsCurrent(shopper))
            {
                Forget(shopper.BuyerId);
            }
        }
    }

    private bool IsCurrent(Shopper shopper) => _byBuyer.TryGetValue(shopper.BuyerId, out var current) && ReferenceEquals(current, shopper);
}

/// <summary>One admission: shopping until the pass expires, the buyer goes idle, or they finish.</summary>
internal sealed class Shopper(string buyerId, int seq, DateTimeOffset passExpiresAt)
{
    public string BuyerId { get; } = buyerId;

    /// <summary>The admitted place.</summary>
    public int Seq { get; } = seq;

    public DateTimeOffset PassExpiresAt { get; } = passExpiresAt;

    public DateTimeOffset IdleUntil { get; set; }

    /// <summary>The idle time last written to the journal: touches are written only when they move it enough.</summary>
    public DateTimeOffset RecordedIdleUntil { get; set; }

    /// <summary>The slot went back to the queue (finished, idle or expired).</summary>
    public bool SlotFreed { get; set; }
}
