using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>The pre-queue lottery's draw: uniform, reproducible, blind to arrival order.</summary>
public sealed class QueueShuffleTests
{
    [Fact]
    public void Order_SameSeed_ReproducesTheSameOrder()
    {
        var buyers = Enumerable.Range(0, 1_000).Select(i => $"buyer-{i}").ToArray();

        Assert.Equal(QueueShuffle.Order(buyers, 42), QueueShuffle.Order(buyers, 42));
        Assert.NotEqual(QueueShuffle.Order(buyers, 42), QueueShuffle.Order(buyers, 43));
    }

    [Fact]
    public void Order_KnownSeed_GivesTheRecordedOrder()
    {
        // Pinned: a generator or algorithm change that would make old seeds replay differently fails here.
        var order = QueueShuffle.Order(["a", "b", "c", "d", "e", "f", "g", "h"], 20_260_301);

        Assert.Equal(Pinned, string.Concat(order));
    }

    [Fact]
    public void Order_ArrivalOrderOfInput_HasNoEffect()
    {
        var buyers = Enumerable.Range(0, 500).Select(i => $"buyer-{i}").ToArray();
        var reversed = buyers.Reverse().ToArray();
        var scrambled = buyers.OrderBy(b => b.GetHashCode(StringComparison.Ordinal)).ToArray();

        Assert.Equal(QueueShuffle.Order(buyers, 7), QueueShuffle.Order(reversed, 7));
        Assert.Equal(QueueShuffle.Order(buyers, 7), QueueShuffle.Order(scrambled, 7));
    }

    [Fact]
    public void Order_ManySeeds_EveryPermutationOfFourIsEquallyLikely()
    {
        // 24 orders of four buyers over 48,000 draws: 2,000 expected each. Chi-square with 23 degrees
        // of freedom stays under 49.7 with probability 0.999; a biased shuffle (e.g. modulo bias on a
        // small generator, or the classic swap-with-any bug) lands far above it.
        const int Draws = 48_000;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 0UL; seed < Draws; seed++)
        {
            var key = string.Concat(QueueShuffle.Order(["a", "b", "c", "d"], (seed * 0x9E3779B97F4A7C15UL) + 1));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(24, counts.Count);
        var expected = Draws / 24.0;
        var chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 49.7, $"chi-square {chiSquare:F1} over 24 orders");
    }

    [Fact]
    public void Order_ManySeeds_EachBuyerLandsInEachPlaceEquallyOften()
    {
        // 100 buyers, 10,000 draws: each (buyer, first-decile) cell expects 1,000; a fair draw keeps
        // every buyer's count of first-tenth places within 1,000 ± 5 standard deviations (sd = 30).
        const int Draws = 10_000;
        var buyers = Enumerable.Range(0, 100).Select(i => $"b{i:D3}").ToArray();
        var firstTenth = buyers.ToDictionary(b => b, _ => 0, StringComparer.Ordinal);
        for (var seed = 1UL; seed <= Draws; seed++)
        {
            foreach (var buyer in QueueShuffle.Order(buyers, seed).Take(10))
            {
                firstTenth[buyer]++;
            }
        }

        Assert.All(firstTenth, kv => Assert.InRange(kv.Value, 850, 1_150));
    }

    [Fact]
    public void NextBelow_SmallBound_IsUniform()
    {
        var random = new QueueShuffle.SplitMix64(99);
        var counts = new int[3];
        for (var i = 0; i < 30_000; i++)
        {
            counts[random.NextBelow(3)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_700, 10_300));
    }

    [Fact]
    public void SplitMix64_ReferenceSeed_MatchesThePublishedSequence()
    {
        // The first outputs of Vigna's reference splitmix64.c for seed 1234567.
        var random = new QueueShuffle.SplitMix64(1_234_567);

        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => random.Next()).ToArray());
    }

    private const string Pinned = "bhgedafc";
}
