namespace Tiketi.Queue;

/// <summary>
/// The pre-queue lottery: a seeded, reproducible, uniform shuffle. The input is sorted ordinal first,
/// so the order buyers arrived (or refreshed) in cannot influence where they land; the seed alone
/// decides. The generator is our own SplitMix64 (Steele, Lea and Flood, 2014) rather than
/// System.Random, whose seeded sequence is not a stable contract: an audit must replay a shuffle
/// from its recorded seed years later and get the same order.
/// </summary>
public static class QueueShuffle
{
    /// <summary>The buyers in their lottery order for <paramref name="seed"/>.</summary>
    public static string[] Order(IEnumerable<string> buyerIds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(buyerIds);
        var order = buyerIds.ToArray();
        Array.Sort(order, StringComparer.Ordinal);
        var random = new SplitMix64(seed);

        // Fisher-Yates: each of the n! orders has the same chance when every draw is unbiased.
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>SplitMix64: 64 bits of state, passes BigCrush, and is fully specified by these lines.</summary>
    public struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>
        /// A uniform integer in [0, bound): draws falling in the incomplete last stretch of the 64-bit
        /// range are rejected, so no value is favoured (plain modulo would favour small ones).
        /// </summary>
        public ulong NextBelow(ulong bound)
        {
            ArgumentOutOfRangeException.ThrowIfZero(bound);
            var limit = ulong.MaxValue - (ulong.MaxValue % bound);
            ulong draw;
            do
            {
                draw = Next();
            }
            while (draw >= limit);

            return draw % bound;
        }
    }
}
