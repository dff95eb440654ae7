using System.Security.Cryptography;
using BCrypt.Net;
using Microsoft.Extensions.Options;

namespace Tiketi.Api.Accounts;

/// <summary>
/// bcrypt in the API host, where it may take its quarter second without holding up a grain. The
/// "enhanced" variant pre-hashes with SHA-384, so passwords longer than bcrypt's 72 bytes still count
/// in full. An unknown account is checked against a dummy hash, so it costs what a known one does.
/// </summary>
public sealed class PasswordHasher
{
    private readonly int _workFactor;
    private readonly Lazy<string> _dummyHash;

    public PasswordHasher(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _workFactor = options.Value.BcryptWorkFactor;
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    public string Hash(string password) => BCrypt.Net.BCrypt.EnhancedHashPassword(password, _workFactor, HashType.SHA384);

    /// <summary>True only when <paramref name="hash"/> exists and matches; a null hash still costs one verification.</summary>
    public bool Verify(string password, string? hash)
    {
        var matches = VerifyCore(password, hash ?? _dummyHash.Value);
        return hash is not null && matches;
    }

    /// <summary>Whether a stored hash is cheaper than the configured work factor and should be replaced.</summary>
    public bool NeedsRehash(string hash) => BCrypt.Net.BCrypt.PasswordNeedsRehash(hash, _workFactor);

    /// <summary>Computes the dummy hash at start-up rather than in the first unlucky login.</summary>
    public void Warm() => _ = _dummyHash.Value;

    private static bool VerifyCore(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.EnhancedVerify(password, hash, HashType.SHA384);
        }
        catch (SaltParseException)
        {
            return false;
        }
    }
}
