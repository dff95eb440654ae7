namespace Tiketi.Seating;

/// <summary>
/// What changed in a block since its last journal record, by name rather than by value: the record then
/// carries the current value of exactly these (<see cref="BlockRecordCodec.EncodeChanges"/>), so a write costs
/// O(what the batch touched) and replaying a record twice changes nothing.
/// </summary>
public sealed class BlockChanges
{
    private readonly HashSet<string> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _auditSlots = [];
    private readonly HashSet<int> _sellOuts = [];

    /// <summary>The layout (definition and categories) was set.</summary>
    public bool Layout { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>The set of categories the waitlist wants.</summary>
    public bool Waitlist { get; private set; }

    /// <summary>Hold ids added, changed or removed.</summary>
    public IReadOnlyCollection<string> Holds => _holds;

    /// <summary>Audit tallies changed: scope (0 the block, c + 1 category c) → a bit per slot.</summary>
    public IReadOnlyDictionary<int, int> AuditSlots => _auditSlots;

    /// <summary>Categories whose run-out or sold-out time changed.</summary>
    public IReadOnlyCollection<int> SellOuts => _sellOuts;

    public bool Any => Layout || Closed || Waitlist || _holds.Count > 0 || _auditSlots.Count > 0 || _sellOuts.Count > 0;

    public void LayoutSet() => Layout = true;

    public void ClosedSet() => Closed = true;

    public void WaitlistSet() => Waitlist = true;

    public void Hold(string holdId) => _holds.Add(holdId);

    public void AuditSlot(int scope, int slot) => _auditSlots[scope] = _auditSlots.GetValueOrDefault(scope) | (1 << slot);

    public void SellOut(int category) => _sellOuts.Add(category);

    public void Clear()
    {
        Layout = Closed = Waitlist = false;
        _holds.Clear();
        _auditSlots.Clear();
        _sellOuts.Clear();
    }
}
