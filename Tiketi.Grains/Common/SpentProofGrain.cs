using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.Common;

/// <summary>The spent challenges of one subject (see <see cref="ISpentProofGrain"/>); a handful at most.</summary>
public sealed class SpentProofGrain([FromKeyedServices(SaleClock.Key)] TimeProvider clock) : Grain, ISpentProofGrain
{
    /// <summary>More live challenges than this per subject is abuse; the oldest are forgotten (they expire within minutes anyway).</summary>
    public const int MaxRemembered = 1_000;

    private readonly Dictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);

    public Task<bool> SpendAsync(string nonce, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _spent.Where(s => s.Value <= now).Select(s => s.Key).ToList())
        {
            _spent.Remove(old);
        }

        if (expiresAt <= now || !_spent.TryAdd(nonce, expiresAt))
        {
            return Task.FromResult(false);
        }

        if (_spent.Count > MaxRemembered)
        {
            _spent.Remove(_spent.MinBy(s => s.Value).Key);
        }

        // Remember until the last challenge has expired; deactivating would forget what was spent.
        DelayDeactivation(_spent.Values.Max() - now);
        return Task.FromResult(true);
    }
}
