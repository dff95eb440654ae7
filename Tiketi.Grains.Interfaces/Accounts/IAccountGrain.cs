using Tiketi.Common;

namespace Tiketi.Accounts;

/// <summary>
/// One account (key: the normalized email, see <see cref="AccountEmail"/>): its profile, bcrypt hash
/// and role, and its refresh tokens, stored as SHA-256 hashes grouped into rotation families.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with a new id; fails with <see cref="AccountReasons.EmailTaken"/> if it exists.</summary>
    Task<Result<AccountView>> RegisterAsync(NewAccount account);

    /// <summary>Creates the account, or replaces its hash, role and name: the configured admin at start-up.</summary>
    Task<AccountView> UpsertAsync(NewAccount account);

    [ReadOnly]
    Task<AccountView?> GetAsync();

    [ReadOnly]
    Task<AccountCredentials?> GetCredentialsAsync();

    /// <summary>Starts a new refresh token family (a login).</summary>
    Task<Result<RefreshGrant>> IssueRefreshAsync(RefreshIssue issue);

    /// <summary>
    /// Replaces the presented token with the next one. A token that was already used revokes its whole
    /// family; unknown, used and expired tokens all fail with <see cref="AccountReasons.RefreshInvalid"/>.
    /// </summary>
    Task<Result<RefreshGrant>> RotateRefreshAsync(RefreshRotation rotation);

    /// <summary>Revokes the family of the token with this hash (a logout); false when no family holds it.</summary>
    Task<bool> RevokeRefreshFamilyAsync(string tokenHash);

    /// <summary>
    /// Ends a session (a logout): its refresh family is removed and its access tokens are revoked
    /// cluster-wide through <see cref="ISessionRegistryGrain"/>, even when the family had already gone.
    /// </summary>
    Task EndSessionAsync(string sessionId);
}
