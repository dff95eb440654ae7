using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tiketi.Api.Accounts;

/// <summary>
/// This host's set of sessions ended early, kept current by <see cref="SessionRevocationFeed"/>: checking
/// an access token is a dictionary lookup, never a grain call. An entry is kept until no access token of
/// its session can still be valid (revocation + access token lifetime + clock skew), so the set holds
/// only what recent logouts put there.
/// </summary>
public sealed class RevokedSessions(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private DateTimeOffset _nextPrune;

    public int Count => _until.Count;

    /// <summary>Raised with the session id the first time this host learns that a session was revoked.</summary>
    public event Action<string>? Revoked;

    public bool IsRevoked(string sessionId) => _until.ContainsKey(sessionId);

    public void Add(string sessionId, DateTimeOffset revokedAt)
    {
        var until = revokedAt + options.Value.AccessTokenLifetime + AuthExtensions.ClockSkew;
        var now = clock.GetUtcNow();
        if (until > now && _until.TryAdd(sessionId, until))
        {
            Revoked?.Invoke(sessionId);
        }

        if (now >= _nextPrune)
        {
            _nextPrune = now + TimeSpan.FromMinutes(1);
            foreach (var (id, end) in _until)
            {
                if (end <= now)
                {
                    _until.TryRemove(id, out _);
                }
            }
        }
    }
}
