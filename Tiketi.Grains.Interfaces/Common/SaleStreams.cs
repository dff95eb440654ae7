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

    /// <summary>Notices for one buyer (hold expired, order paid), keyed by buyer id.</summary>
    public const string Buyer = "buyer";
}

/// <summary>Names of grain storage providers.</summary>
public static class StorageNames
{
    public const string Sale = "Default";
}
