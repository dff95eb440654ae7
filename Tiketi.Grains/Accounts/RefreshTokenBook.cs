namespace Tiketi.Accounts;

/// <summary>What presenting a refresh token came to.</summary>
public enum RefreshOutcome
{
    Rotated,
    Reused,
    Expired,
    Unknown,
}

/// <summary>
/// The rules of refresh token families, with no Orleans in sight: issue, rotate (the presented token
/// becomes used, a new one current), detect reuse (a used token revokes its family), revoke, expire.
/// Tokens are known only by their hashes.
/// </summary>
public static class RefreshTokenBook
{
    /// <summary>Live logins per account; the oldest is dropped beyond this.</summary>
    public const int MaxFamilies = 20;

    /// <summary>Used hashes remembered per family for reuse detection; older ones are simply unknown.</summary>
    public const int MaxUsedHashes = 64;

    public static DateTimeOffset Issue(Dictionary<string, RefreshFamily> families, string hash, DateTimeOffset now, TimeSpan lifetime) =>
        Start(families, hash, now, lifetime).ExpiresAt;

    /// <summary>Starts a family (a session); returns its id and the ids of the oldest ones dropped to make room.</summary>
    public static (string FamilyId, DateTimeOffset ExpiresAt, List<string> Evicted) Start(
        Dictionary<string, RefreshFamily> families, string hash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(families);
        Prune(families, now);
        var evicted = new List<string>();
        while (families.Count >= MaxFamilies)
        {
            var oldest = families.MinBy(f => f.Value.CreatedAt).Key;
            families.Remove(oldest);
            evicted.Add(oldest);
        }

        var expiresAt = now + lifetime;
        var id = Guid.NewGuid().ToString("N");
        families[id] = new RefreshFamily { CurrentHash = hash, ExpiresAt = expiresAt, CreatedAt = now };
        return (id, expiresAt, evicted);
    }

    /// <summary>The id of the family holding this hash, current or used; null when none does.</summary>
    public static string? FamilyOf(Dictionary<string, RefreshFamily> families, string hash)
    {
        ArgumentNullException.ThrowIfNull(families);
        return Find(families, hash).Id;
    }

    public static (RefreshOutcome Outcome, DateTimeOffset ExpiresAt) Rotate(
        Dictionary<string, RefreshFamily> families, string presented, string next, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(families);
        var (id, family) = Find(families, presented);
        if (family is null)
        {
            return (RefreshOutcome.Unknown, default);
        }

        if (family.CurrentHash != presented)
        {
            families.Remove(id!);
            return (RefreshOutcome.Reused, default);
        }

        if (family.ExpiresAt <= now)
        {
            families.Remove(id!);
            return (RefreshOutcome.Expired, default);
        }

        if (next == presented)
        {
            // Renewal in place (the HttpOnly cookie): the same token lives on, its expiry slides.
            family.ExpiresAt = now + lifetime;
            return (RefreshOutcome.Rotated, family.ExpiresAt);
        }

        family.UsedHashes.Add(presented);
        if (family.UsedHashes.Count > MaxUsedHashes)
        {
            family.UsedHashes.RemoveRange(0, family.UsedHashes.Count - MaxUsedHashes);
        }

        family.CurrentHash = next;
        family.ExpiresAt = now + lifetime;
        Prune(families, now);
        return (RefreshOutcome.Rotated, family.ExpiresAt);
    }

    /// <summary>Removes the family holding this hash, current or used.</summary>
    public static bool Revoke(Dictionary<string, RefreshFamily> families, string hash)
    {
        ArgumentNullException.ThrowIfNull(families);
        var (id, _) = Find(families, hash);
        return id is not null && families.Remove(id);
    }

    public static int Prune(Dictionary<string, RefreshFamily> families, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(families);
        var expired = families.Where(f => f.Value.ExpiresAt <= now).Select(f => f.Key).ToList();
        expired.ForEach(id => families.Remove(id));
        return expired.Count;
    }

    private static (string? Id, RefreshFamily? Family) Find(Dictionary<string, RefreshFamily> families, string hash)
    {
        foreach (var (id, family) in families)
        {
            if (family.CurrentHash == hash || family.UsedHashes.Contains(hash))
            {
                return (id, family);
            }
        }

        return (null, null);
    }
}
