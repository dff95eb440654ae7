using System.Numerics;

namespace Tiketi.Queue;

/// <summary>
/// Which places still wait: one bit per sequence number, and a Fenwick tree over the count of each
/// 64-place word. "People ahead of place s" is then log2(n / 64) tree steps plus one popcount (14 steps
/// at a million places), and a join, admission, leave or drop changes one bit and as many counts.
/// About 0.2 bytes a place. A sorted list of leavers (the previous way) cost O(n) per leave.
/// </summary>
internal sealed class WaitingBitmap
{
    private ulong[] _words = new ulong[64];

    // 1-based Fenwick tree: _tree[i] holds the waiting count of words (i - lowbit(i), i].
    private int[] _tree = new int[65];

    public long Count { get; private set; }

    public void Reserve(long places) => Ensure((int)(places >> 6));

    public bool IsWaiting(long seq)
    {
        var word = (int)(seq >> 6);
        return word < _words.Length && (_words[word] & (1UL << (int)(seq & 63))) != 0;
    }

    public void Set(long seq)
    {
        var word = (int)(seq >> 6);
        Ensure(word);
        var bit = 1UL << (int)(seq & 63);
        if ((_words[word] & bit) == 0)
        {
            _words[word] |= bit;
            Add(word, 1);
            Count++;
        }
    }

    public void Clear(long seq)
    {
        var word = (int)(seq >> 6);
        var bit = 1UL << (int)(seq & 63);
        if (word < _words.Length && (_words[word] & bit) != 0)
        {
            _words[word] &= ~bit;
            Add(word, -1);
            Count--;
        }
    }

    /// <summary>How many places before <paramref name="seq"/> still wait.</summary>
    public long CountBefore(long seq)
    {
        var word = (int)(seq >> 6);
        if (word >= _words.Length)
        {
            return Count;
        }

        long sum = 0;
        for (var i = word; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        var below = (1UL << (int)(seq & 63)) - 1;
        return sum + BitOperations.PopCount(_words[word] & below);
    }

    private void Add(int word, int delta)
    {
        for (var i = word + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>Doubles the words and rebuilds the tree in one linear pass: amortized O(1) per place.</summary>
    private void Ensure(int word)
    {
        if (word < _words.Length)
        {
            return;
        }

        var size = _words.Length;
        while (size <= word)
        {
            size *= 2;
        }

        Array.Resize(ref _words, size);
        _tree = new int[size + 1];
        for (var i = 1; i <= size; i++)
        {
            _tree[i] += BitOperations.PopCount(_words[i - 1]);
            var parent = i + (i & -i);
            if (parent <= size)
            {
                _tree[parent] += _tree[i];
            }
        }
    }
}
