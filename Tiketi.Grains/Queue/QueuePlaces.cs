namespace Tiketi.Queue;

/// <summary>
/// Every place ever given, in queue order (index = sequence number): its buyer and outcome, each
/// buyer's latest place, and the admission head. Places are only appended; an outcome changes once
/// (waiting to admitted, left or dropped). Everything here is O(1) per change except people-ahead,
/// which <see cref="WaitingBitmap"/> answers in log2(n / 64) steps.
/// </summary>
internal sealed class QueuePlaces
{
    private readonly List<string> _buyers = [];
    private readonly List<byte> _outcomes = [];
    private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);
    private readonly WaitingBitmap _waiting = new();

    public int Count => _buyers.Count;

    /// <summary>Waiting places (not admitted, left or dropped).</summary>
    public long Waiting => _waiting.Count;

    /// <summary>The sequence number of the next place admission looks at; every place before it is settled.</summary>
    public int Head { get; set; }

    public string Buyer(int seq) => _buyers[seq];

    /// <summary>Room for <paramref name="places"/> places, so loading a large queue does not grow its tables step by step.</summary>
    public void Reserve(int places)
    {
        _buyers.EnsureCapacity(places);
        _outcomes.EnsureCapacity(places);
        _latest.EnsureCapacity(places);
        _waiting.Reserve(places);
    }

    public QueueOutcome Outcome(int seq) => (QueueOutcome)_outcomes[seq];

    /// <summary>The buyer's latest place, or -1 when they never had one.</summary>
    public int Latest(string buyerId) => _latest.TryGetValue(buyerId, out var seq) ? seq : -1;

    /// <summary>The buyer's place if it still waits, else -1.</summary>
    public int WaitingPlace(string buyerId)
    {
        var seq = Latest(buyerId);
        return seq >= 0 && _waiting.IsWaiting(seq) ? seq : -1;
    }

    /// <summary>A new place at the end. An empty buyer id (places nulled by a build before the audit) is never looked up.</summary>
    public int Append(string buyerId, QueueOutcome outcome)
    {
        var seq = _buyers.Count;
        _buyers.Add(buyerId);
        _outcomes.Add((byte)outcome);
        if (buyerId.Length > 0)
        {
            _latest[buyerId] = seq;
        }

        if (outcome == QueueOutcome.Waiting)
        {
            _waiting.Set(seq);
        }

        return seq;
    }

    public void Settle(int seq, QueueOutcome outcome)
    {
        _outcomes[seq] = (byte)outcome;
        _waiting.Clear(seq);
    }

    /// <summary>Waiting places ahead of <paramref name="seq"/>: every place before the head is settled, so it is all of them.</summary>
    public long Ahead(int seq) => _waiting.CountBefore(seq);

    /// <summary>Moves the head to the next waiting place and returns it, or -1 when none waits.</summary>
    public int NextWaiting()
    {
        if (_waiting.Count == 0)
        {
            return -1;
        }

        while (!_waiting.IsWaiting(Head))
        {
            Head++;
        }

        return Head;
    }

    /// <summary>The waiting places in queue order, from the head (activation only).</summary>
    public IEnumerable<int> WaitingInOrder()
    {
        for (var seq = Head; seq < _buyers.Count; seq++)
        {
            if (_waiting.IsWaiting(seq))
            {
                yield return seq;
            }
        }
    }
}
