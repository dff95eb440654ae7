namespace Tiketi.Accounts;

/// <summary>
/// Stable event ids of security events, shared by the API hosts and the silos, so one Loki query per
/// event finds it wherever it was logged (docs/observability.md lists them). Never renumber one.
/// </summary>
public static class SecurityEventIds
{
    /// <summary>A sign-in with a wrong email or password: account id (when the email exists) and client address.</summary>
    public const int SignInFailed = 5001;

    /// <summary>A request refused by a rate limit or the sign-in brake (429).</summary>
    public const int Throttled = 5002;

    /// <summary>A refresh token that was already used came back: its family (session) is revoked.</summary>
    public const int RefreshTokenReused = 5003;

    /// <summary>A session ended before its time: logout, refresh-token reuse, or too many sessions.</summary>
    public const int SessionRevoked = 5004;

    /// <summary>An operator changed something through /api/admin (or opened the dashboard).</summary>
    public const int AdminAction = 5005;

    /// <summary>A client polling far above the allowed rate was blocked for a while (QUEUE009).</summary>
    public const int RepeatedRequestsBlocked = 5006;

    /// <summary>Sign-ins to one account failed often: further attempts must carry a proof of work.</summary>
    public const int SignInProofRequired = 5007;
}
