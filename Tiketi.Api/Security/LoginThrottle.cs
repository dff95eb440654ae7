using Microsoft.Extensions.Options;
using Tiketi.Accounts;
using Tiketi.Api.Queue;

namespace Tiketi.Api.Security;

/// <summary>
/// The brake on password guessing, without locking the rightful owner out. Failures are counted in grains
/// (every API host sees the same numbers) per client address and per account. An address with too many
/// failures is blocked (429) for the rest of the window: behind trusted proxies that is the guesser's
/// address, and a NAT's other buyers sign in right the first time. An account with more than
/// <see cref="SecurityOptions.FreeFailedLogins"/> failures is never blocked: each further attempt must
/// carry a proof of work (AUTH007), which the owner's browser solves in about a second and which makes
/// guessing at scale expensive, the difficulty growing with the failures.
/// </summary>
public sealed class LoginThrottle(IClusterClient client, IOptions<SecurityOptions> options, ProofOfWork proofs)
{
    public const string ProofScope = "login";

    /// <summary>How the attempt stands before the password is checked: blocked for a while, or the proof bits it needs (0: none).</summary>
    public async Task<(TimeSpan? RetryAfter, int ProofBits)> CheckAsync(string? email, string ip)
    {
        var o = options.Value;
        var address = client.GetGrain<ILoginThrottleGrain>($"ip:{ip}").RetryAfterAsync(o.FailedLoginsPerWindow, o.LoginWindow);
        var account = email is null ? Task.FromResult(0) : client.GetGrain<ILoginThrottleGrain>($"acct:{email}").CountAsync(o.LoginWindow);
        await Task.WhenAll(address, account);
        return (await address, BitsFor(await account));
    }

    public async Task RecordFailureAsync(string? email, string ip)
    {
        var window = options.Value.LoginWindow;
        var address = client.GetGrain<ILoginThrottleGrain>($"ip:{ip}").RecordFailureAsync(window);
        var account = email is null ? Task.FromResult(0) : client.GetGrain<ILoginThrottleGrain>($"acct:{email}").RecordFailureAsync(window);
        await Task.WhenAll(address, account);
    }

    /// <summary>A fresh challenge for this account's sign-in.</summary>
    public (string Challenge, DateTimeOffset ExpiresAt) Challenge(string email) => proofs.Issue(ProofScope, email);

    /// <summary>Whether the proof solves a challenge of this account at the difficulty; each proof is accepted once.</summary>
    public Task<bool> AcceptAsync(string? proof, string email, int bits) => proofs.SpendAsync(proof, ProofScope, email, bits);

    private int BitsFor(int failures)
    {
        var o = options.Value;
        return failures <= o.FreeFailedLogins
            ? 0
            : Math.Min(QueueProofCap, o.LoginProofBits + ((failures - o.FreeFailedLogins - 1) / 10));
    }

    private const int QueueProofCap = Tiketi.Queue.QueueSettings.MaxProofOfWorkBits;
}
