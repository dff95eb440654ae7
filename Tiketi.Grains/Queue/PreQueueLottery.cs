using System.Security.Cryptography;

namespace Tiketi.Queue;

/// <summary>
/// The pre-queue of a lottery sale and its draw. Buyers wait here without a position until the opening;
/// then <see cref="QueueShuffle"/> orders them by a seed, and the seed and draw time are recorded, so the
/// order replays exactly from the journal or the audit (a crash never redraws).
/// </summary>
internal sealed class PreQueueLottery
{
    // In arrival order; a buyer who left is null. Arrival seconds are kept for the audit, last-seen
    // seconds (memory only) are carried into the places so the silence sweep can judge them after the draw.
    private readonly List<string?> _buyers = [];
    private readonly List<int> _arrivals = [];
    private readonly List<int> _seen = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Buyers waiting for the draw.</summary>
    public int Count => _index.Count;

    /// <summary>Entries so far, including buyers who left (each keeps its index).</summary>
    public int Entries => _buyers.Count;

    public ulong? Seed { get; private set; }

    public DateTimeOffset? DrawnAt { get; private set; }

    /// <summary>The draw's places are sequence numbers [<see cref="DrawStart"/>, + <see cref="Drawn"/>).</summary>
    public int DrawStart { get; private set; }

    public int Drawn { get; private set; }

    public bool Contains(string buyerId) => _index.ContainsKey(buyerId);

    public string? BuyerAt(int index) => _buyers[index];

    public int ArrivalAt(int index) => _arrivals[index];

    public bool IsFromDraw(int seq) => DrawnAt is not null && seq >= DrawStart && seq < DrawStart + Drawn;

    public void Add(string? buyerId, int arrivedSecond, int seenSecond)
    {
        if (buyerId is not null)
        {
            _index[buyerId] = _buyers.Count;
        }

        _buyers.Add(buyerId);
        _arrivals.Add(arrivedSecond);
        _seen.Add(seenSecond);
    }

    /// <summary>The buyer's entry index, or -1 when they are not pre-queued.</summary>
    public int IndexOf(string buyerId) => _index.TryGetValue(buyerId, out var index) ? index : -1;

    public void RemoveAt(int index)
    {
        if (_buyers[index] is { } buyer)
        {
            _index.Remove(buyer);
            _buyers[index] = null;
        }
    }

    public void Seen(string buyerId, int second)
    {
        if (_index.TryGetValue(buyerId, out var index))
        {
            _seen[index] = second;
        }
    }

    /// <summary>Arrival second of a pre-queued buyer (before the draw), for the audit.</summary>
    public int ArrivalOf(string buyerId) => _arrivals[_index[buyerId]];

    /// <summary>
    /// Draws the pre-queue with <paramref name="seed"/>: the buyers in their places' order, each with
    /// arrival and last-seen second. The pre-queue is emptied; <paramref name="start"/> is the first place's sequence number.
    /// </summary>
    public List<(string Buyer, int Arrived, int Seen)> Draw(ulong seed, DateTimeOffset at, int start)
    {
        var order = QueueShuffle.Order(_index.Keys, seed);
        var drawn = new List<(string, int, int)>(order.Length);
        foreach (var buyer in order)
        {
            var index = _index[buyer];
            drawn.Add((buyer, _arrivals[index], _seen[index]));
        }

        (Seed, DrawnAt, DrawStart, Drawn) = (seed, at, start, order.Length);
        _buyers.Clear();
        _arrivals.Clear();
        _seen.Clear();
        _index.Clear();
        return drawn;
    }

    /// <summary>A draw read back from a snapshot: the places are already in the queue.</summary>
    public void RestoreDraw(ulong seed, DateTimeOffset at, int start, int drawn) => (Seed, DrawnAt, DrawStart, Drawn) = (seed, at, start, drawn);

    public static ulong NewSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
}
