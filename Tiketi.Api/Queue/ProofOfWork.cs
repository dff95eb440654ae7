using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tiketi.Api.Accounts;
using Tiketi.Common;

namespace Tiketi.Api.Queue;

/// <summary>
/// A hashcash-style challenge for queue joins. The challenge is signed and bound to buyer, event and a
/// short expiry, so it cannot be precomputed or shared; solving means finding a number whose
/// SHA-256 with the challenge starts with the required zero bits. Checking costs one hash.
/// </summary>
public sealed class ProofOfWork(IOptions<AuthOptions> auth, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // A key of its own, derived from the signing key, so a challenge can never pass for anything else.
    private readonly SignedToken _token = new(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.Value.SigningKey), "tiketi-pow"u8)));

    public (string Challenge, DateTimeOffset ExpiresAt) Issue(string eventId, string buyerId)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        return (_token.Sign("w1", eventId, buyerId, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), nonce), expires);
    }

    /// <summary>Checks "challenge:solution" for this buyer and event at the required difficulty.</summary>
    public bool Verify(string? proof, string eventId, string buyerId, int bits)
    {
        var colon = proof?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || proof!.Length > 1024)
        {
            return false;
        }

        var challenge = proof[..colon];
        return _token.Open(challenge) is ["w1", var e, var b, var expires, _]
            && e == eventId && b == buyerId
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(seconds) > clock.GetUtcNow()
            && LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(proof))) >= bits;
    }

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var first = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return first == 0 ? 64 : System.Numerics.BitOperations.LeadingZeroCount(first);
    }
}
