using System.Text.RegularExpressions;

namespace Tiketi.Common;

/// <summary>
/// Composite grain keys. Ids are restricted to a safe alphabet so a '/' can never be smuggled into
/// an id to address another buyer's or another event's grain.
/// </summary>
public static partial class GrainKeys
{
    public const int MaxIdLength = 64;

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Block(string eventId, string blockId) => Compose(eventId, blockId);

    public static string Buyer(string eventId, string buyerId) => Compose(eventId, buyerId);

    /// <summary>The checkout ledger grain of <paramref name="eventId"/> that keeps <paramref name="orderId"/>'s checkout.</summary>
    public static string Ledger(string eventId, string orderId) =>
        Compose(eventId, StableHash.Bucket(orderId, Orders.ICheckoutLedgerGrain.Shards).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static (string First, string Second) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a composite key.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    private static string Compose(string first, string second)
    {
        if (!IsValidId(first) || !IsValidId(second))
        {
            throw new ArgumentException($"Invalid id in key '{first}/{second}'.");
        }

        return $"{first}/{second}";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
