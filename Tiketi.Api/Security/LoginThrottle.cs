using Microsoft.Extensions.Options;
using Tiketi.Accounts;

namespace Tiketi.Api.Security;

/// <summary>
/// Brute-force brake: after <see cref="SecurityOptions.FailedLoginsPerWindow"/> failed sign-ins within the
/// window, per account and per client address, further attempts get 429 until the oldest failure ages out.
/// Counted in grains, so every API host sees the same numbers.
/// </summary>
public sealed class LoginThrottle(IClusterClient client, IOptions<SecurityOptions> options)
{
    public async Task<TimeSpan?> RetryAfterAsync(string? email, string ip)
    {
        var o = options.Value;
        var waits = await Task.WhenAll(Keys(email, ip).Select(k => client.GetGrain<ILoginThrottleGrain>(k).RetryAfterAsync(o.FailedLoginsPerWindow, o.LoginWindow)));
        return waits.Max();
    }

    public Task RecordFailureAsync(string? email, string ip) =>
        Task.WhenAll(Keys(email, ip).Select(k => client.GetGrain<ILoginThrottleGrain>(k).RecordFailureAsync(options.Value.LoginWindow)));

    private static IEnumerable<string> Keys(string? email, string ip)
    {
        yield return $"ip:{ip}";
        if (email is not null)
        {
            yield return $"acct:{email}";
        }
    }
}
