using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tiketi.Orders;

/// <summary>
/// The order id of a hold. With the client's idempotency key it is derived from (event, buyer, key), so
/// a retry names the same order and the same block hold: the block answers a known hold id with the same
/// grant, the order grain keeps the order it already has, and the buyer grain finds the key among its
/// orders, even when the first call's answer was lost or its silo died before the buyer grain wrote.
/// The buyer id is part of the hash, so one buyer's key can never name another buyer's order.
/// </summary>
public static partial class HoldKeys
{
    public static bool IsValid(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static string OrderId(string eventId, string buyerId, string? key)
    {
        if (key is null)
        {
            return Guid.NewGuid().ToString("N");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId}\n{buyerId}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
