namespace Tiketi.Common;

/// <summary>
/// A hash of a string that is the same in every process and every version (FNV-1a over UTF-16 code
/// units), for choosing a shard: <see cref="string.GetHashCode()"/> is randomized per process, so two
/// silos (or a silo and an API host) would disagree.
/// </summary>
public static class StableHash
{
    public static uint Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>One of <paramref name="buckets"/> buckets, 0 to buckets - 1.</summary>
    public static int Bucket(string value, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        return (int)(Of(value) % (uint)buckets);
    }
}
