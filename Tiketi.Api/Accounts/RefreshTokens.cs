using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Tiketi.Common;

namespace Tiketi.Api.Accounts;

/// <summary>
/// Refresh tokens are opaque to clients: "{accountId}.{32 random bytes, base64url}". The account id
/// prefix says which account's grain to ask; the grain stores only the SHA-256 hash of the whole token.
/// </summary>
public static class RefreshTokens
{
    /// <summary>Anything longer is not ours; it is refused before any hashing or grain call.</summary>
    public const int MaxLength = 128;

    public static string New(string accountId) => $"{accountId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The account id a token claims to belong to, or null when it is not shaped like one of ours.</summary>
    public static string? AccountIdOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var accountId = dot > 0 ? token[..dot] : null;
        return accountId is not null && dot < token.Length - 1 && GrainKeys.IsValidId(accountId) ? accountId : null;
    }
}
