namespace Tiketi.Accounts;

/// <summary>The persisted account: profile, bcrypt hash and live refresh token families.</summary>
[GenerateSerializer, Alias("tiketi.AccountState")]
public sealed class AccountState
{
    [Id(0)] public AccountView? Account { get; set; }

    [Id(1)] public string PasswordHash { get; set; } = "";

    /// <summary>Live families by family id; a revoked or expired family is removed.</summary>
    [Id(2)] public Dictionary<string, RefreshFamily> Families { get; set; } = [];
}

/// <summary>
/// The refresh tokens descended from one login. Only the newest may be used; the hashes of the ones
/// already used are kept so that presenting one again is recognised as theft.
/// </summary>
[GenerateSerializer, Alias("tiketi.RefreshFamily")]
public sealed class RefreshFamily
{
    [Id(0)] public string CurrentHash { get; set; } = "";

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }

    [Id(2)] public List<string> UsedHashes { get; set; } = [];

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The account id index entry.</summary>
[GenerateSerializer, Alias("tiketi.AccountIdState")]
public sealed class AccountIdState
{
    [Id(0)] public string? Email { get; set; }
}
