using System.Collections.Immutable;

namespace Tiketi.Accounts;

/// <summary>
/// Sessions ended before their time, cluster-wide (one grain, key <see cref="Key"/>). A session is one
/// sign-in: its id is the refresh token family's and rides in every access token as "sid". Each
/// revocation is kept durably for <see cref="SessionRevocation.Retention"/> (longer than any access
/// token lives) and published on the <see cref="SessionStreams.Revoked"/> stream, which every API host
/// follows into a local set, so checking a token costs no grain call.
/// </summary>
public interface ISessionRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Records and publishes the revocation; returns once it is durable and published.</summary>
    Task RevokeAsync(SessionRevocation revocation);

    /// <summary>The revocations made at or after <paramref name="since"/>: what a starting host loads.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<SessionRevocation>> GetSinceAsync(DateTimeOffset since);
}

/// <summary>A session that ended, why (logout, reuse, evicted), and when.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.SessionRevocation")]
public sealed record SessionRevocation(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset RevokedAt)
{
    /// <summary>Longer than the longest allowed access token lifetime (a day) plus clock skew.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(25);

    public const string Logout = "logout";
    public const string Reuse = "refresh-reuse";
    public const string Evicted = "evicted";
}

/// <summary>The stream the registry publishes revocations on.</summary>
public static class SessionStreams
{
    public const string Namespace = "sessions";

    /// <summary>The one key of the revocation stream.</summary>
    public const string Revoked = "revoked";
}
