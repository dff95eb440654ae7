namespace Tiketi.Seating;

/// <summary>
/// A block's allocations by hold id, with what the hot path must find without a pass over them: the held
/// ones in expiry order (the sweep reads only those due), how many are buyers' live holds (the
/// <c>tiketi_holds_active</c> gauge), and which ids changed since the last journal record. Every change to
/// an allocation goes through here so the three stay true.
/// </summary>
public sealed class HoldTable
{
    private readonly Dictionary<string, Allocation> _all;
    private readonly SortedSet<(long Ticks, string HoldId)> _byExpiry = new(ExpiryOrder.Instance);
    private readonly BlockChanges _changes;

    public HoldTable(Dictionary<string, Allocation> all, BlockChanges changes)
    {
        _all = all ?? throw new ArgumentNullException(nameof(all));
        _changes = changes ?? throw new ArgumentNullException(nameof(changes));
        foreach (var (holdId, allocation) in all)
        {
            Index(holdId, allocation);
        }
    }

    public int Count => _all.Count;

    /// <summary>Held allocations, waitlist reservations included.</summary>
    public int Held => _byExpiry.Count;

    /// <summary>Held allocations of buyers (not the waitlist's reservations).</summary>
    public int BuyerHolds { get; private set; }

    public IEnumerable<KeyValuePair<string, Allocation>> All => _all;

    public DateTimeOffset? NextExpiry => _byExpiry.Count == 0 ? null : _all[_byExpiry.Min.HoldId].ExpiresAt;

    public bool TryGet(string holdId, out Allocation allocation) => _all.TryGetValue(holdId, out allocation!);

    public void Add(string holdId, Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        _all.Add(holdId, allocation);
        Index(holdId, allocation);
        _changes.Hold(holdId);
    }

    public void Remove(string holdId, Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        _all.Remove(holdId);
        Unindex(holdId, allocation);
        _changes.Hold(holdId);
    }

    public void MarkSold(string holdId, Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        Unindex(holdId, allocation);
        allocation.Status = AllocationStatus.Sold;
        _changes.Hold(holdId);
    }

    public void SetExpiry(string holdId, Allocation allocation, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        Unindex(holdId, allocation);
        allocation.ExpiresAt = expiresAt;
        Index(holdId, allocation);
        _changes.Hold(holdId);
    }

    /// <summary>Notes an in-place change that leaves status and expiry as they were (a reservation shrinking).</summary>
    public void Changed(string holdId) => _changes.Hold(holdId);

    /// <summary>Held allocations whose time is up at <paramref name="now"/>, earliest first.</summary>
    public List<string> Due(DateTimeOffset now)
    {
        var limit = now.UtcTicks;
        if (_byExpiry.Count == 0 || _byExpiry.Min.Ticks > limit)
        {
            // The common case, on every hold: nothing due, found without enumerating.
            return [];
        }

        var due = new List<string>();
        foreach (var (ticks, holdId) in _byExpiry)
        {
            if (ticks > limit)
            {
                break;
            }

            due.Add(holdId);
        }

        return due;
    }

    private void Index(string holdId, Allocation allocation)
    {
        if (allocation.Status == AllocationStatus.Held)
        {
            _byExpiry.Add((allocation.ExpiresAt.UtcTicks, holdId));
            BuyerHolds += allocation.BuyerId == SeatInventory.WaitlistHolder ? 0 : 1;
        }
    }

    private void Unindex(string holdId, Allocation allocation)
    {
        if (allocation.Status == AllocationStatus.Held)
        {
            _byExpiry.Remove((allocation.ExpiresAt.UtcTicks, holdId));
            BuyerHolds -= allocation.BuyerId == SeatInventory.WaitlistHolder ? 0 : 1;
        }
    }

    /// <summary>By expiry, then by hold id in ordinal order (the default string order depends on the culture).</summary>
    private sealed class ExpiryOrder : IComparer<(long Ticks, string HoldId)>
    {
        public static readonly ExpiryOrder Instance = new();

        public int Compare((long Ticks, string HoldId) x, (long Ticks, string HoldId) y)
        {
            var byTime = x.Ticks.CompareTo(y.Ticks);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.HoldId, y.HoldId);
        }
    }
}
