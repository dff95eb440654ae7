using System.Collections.Immutable;

namespace Tiketi.Queue;

/// <summary>
/// The queue's side of "a pass ends with its place": the passes it handed out that still have time left,
/// each named as the pass names it (buyer, expiry). <see cref="Ended"/> finds those whose place is no
/// longer admitted, for the queue to publish. It holds only live passes, so a scan costs O(active shoppers).
/// </summary>
public sealed class PassWatch
{
    /// <summary>How often the tick looks for ended places at most: the delay a lapsed place's pass may still work.</summary>
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(1);

    private readonly HashSet<(string Buyer, long ExpiresMs)> _live = [];
    private DateTimeOffset _nextScan;

    public int Count => _live.Count;

    public void Issued(string buyerId, DateTimeOffset passExpiresAt) => _live.Add((buyerId, passExpiresAt.ToUnixTimeMilliseconds()));

    /// <summary>The passes whose place ended, taken off the watch; <paramref name="onlyBuyer"/> limits the look to one buyer.</summary>
    public ImmutableArray<EndedPlace> Ended(Func<string, QueueStatus> status, DateTimeOffset now, string? onlyBuyer = null)
    {
        if (onlyBuyer is null)
        {
            if (now < _nextScan)
            {
                return [];
            }

            _nextScan = now + ScanInterval;
        }

        ArgumentNullException.ThrowIfNull(status);
        var nowMs = now.ToUnixTimeMilliseconds();
        var ended = ImmutableArray.CreateBuilder<EndedPlace>();
        foreach (var pass in _live.Where(p => onlyBuyer is null || p.Buyer == onlyBuyer).ToList())
        {
            if (pass.ExpiresMs <= nowMs)
            {
                _live.Remove(pass); // expired: the pass says so itself
                continue;
            }

            var current = status(pass.Buyer);
            if (current.State != QueueState.Admitted || current.PassExpiresAt?.ToUnixTimeMilliseconds() != pass.ExpiresMs)
            {
                _live.Remove(pass);
                ended.Add(new EndedPlace(pass.Buyer, pass.ExpiresMs));
            }
        }

        return ended.ToImmutable();
    }
}
