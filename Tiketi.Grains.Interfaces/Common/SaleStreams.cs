namespace Tiketi.Common;

/// <summary>Names of the Orleans streams that carry sale notifications.</summary>
public static class SaleStreams
{
    /// <summary>The stream provider every silo and client registers.</summary>
    public const string Provider = "sale";

    /// <summary>Seat deltas, keyed by event id.</summary>
    public const string Seats = "seats";

    /// <summary>Queue progress, keyed by event id.</summary>
    public const string Queue = "queue";

    /// <summary>
    /// Notices for buyers (hold expired, order paid), on <see cref="BuyerShards"/> streams keyed by
    /// <see cref="BuyerShard"/>. A stream per buyer would cost a stream-producer registration (a
    /// PubSubStore write) for every buyer; a fixed set costs that once per shard, and each API host
    /// subscribes to the shards of the buyers connected to it and relays to their SignalR groups.
    /// </summary>
    public const string Buyers = "buyers";

    /// <summary>How many buyer-notice streams there are. Changing it strands notices in flight during an upgrade.</summary>
    public const int BuyerShards = 16;

    /// <summary>The key of the buyer-notice stream that carries <paramref name="buyerId"/>'s notices.</summary>
    public static string BuyerShard(string buyerId) => StableHash.Bucket(buyerId, BuyerShards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Names of grain storage providers.</summary>
public static class StorageNames
{
    public const string Sale = "Default";
}
