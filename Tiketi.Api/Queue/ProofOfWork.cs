using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tiketi.Api.Accounts;
using Tiketi.Common;

namespace Tiketi.Api.Queue;

/// <summary>
/// A hashcash-style challenge (queue joins, sign-ins after failures). The challenge is signed and bound to
/// a scope (an event, or sign-in), a subject (the buyer, or the account) and a short expiry, so it cannot be
/// precomputed or shared; solving means finding a number whose SHA-256 with the challenge starts with the
/// required zero bits. Checking costs one hash, and each challenge is accepted once (<see cref="ISpentProofGrain"/>).
/// </summary>
public sealed class ProofOfWork(IOptions<AuthOptions> auth, TimeProvider clock, IClusterClient client)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // A key of its own, derived from the signing key, so a challenge can never pass for anything else.
    private readonly SignedToken _token = new(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.Value.SigningKey), "tiketi-pow"u8)));

    public (string Challenge, DateTimeOffset ExpiresAt) Issue(string scope, string subject)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        return (_token.Sign("w1", scope, Subject(subject), expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), nonce), expires);
    }

    /// <summary>Checks "challenge:solution" for this scope and subject at the required difficulty (not whether it was spent).</summary>
    public bool Verify(string? proof, string scope, string subject, int bits) => TryOpen(proof, scope, subject, out var ticket) && ticket.Bits >= bits;

    /// <summary>
    /// Opens a proof: genuine, of this scope and subject, unexpired; <paramref name="ticket"/> has its nonce
    /// and the zero bits it reaches, so a caller can spend it while it still learns the required difficulty.
    /// </summary>
    public bool TryOpen(string? proof, string scope, string subject, out ProofTicket ticket)
    {
        ticket = default;
        var colon = proof?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || proof!.Length > 1024)
        {
            return false;
        }

        if (_token.Open(proof[..colon]) is not ["w1", var s, var b, var expires, var nonce]
            || s != scope || b != Subject(subject)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(seconds) is var expiresAt && expiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        // A solution is accepted once: the challenge's nonce with the solution names it (a second solution
        // of the same challenge costs a second search, which is the point).
        ticket = new ProofTicket($"{nonce}:{proof[(colon + 1)..]}", expiresAt, LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(proof))));
        return true;
    }

    /// <summary>Marks the ticket's challenge used; false when it already was (a replay).</summary>
    public Task<bool> SpendAsync(ProofTicket ticket, string scope, string subject) =>
        client.GetGrain<ISpentProofGrain>($"{scope}/{Subject(subject)}").SpendAsync(ticket.Nonce, ticket.ExpiresAt);

    /// <summary>Verifies and spends in one: true only for a good, unspent proof.</summary>
    public async Task<bool> SpendAsync(string? proof, string scope, string subject, int bits) =>
        TryOpen(proof, scope, subject, out var ticket) && ticket.Bits >= bits && await SpendAsync(ticket, scope, subject);

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var first = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return first == 0 ? 64 : System.Numerics.BitOperations.LeadingZeroCount(first);
    }

    // Subjects (an email) may hold any character; the token and the grain key see a digest of it.
    private static string Subject(string subject) =>
        GrainKeys.IsValidId(subject) ? subject : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];
}

/// <summary>An opened proof: its challenge's nonce and expiry, and the leading zero bits it reaches.</summary>
public readonly record struct ProofTicket(string Nonce, DateTimeOffset ExpiresAt, int Bits);
