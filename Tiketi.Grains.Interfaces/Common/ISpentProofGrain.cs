namespace Tiketi.Common;

/// <summary>
/// The proof-of-work challenges already used by one subject (key: "{scope}/{subject}", e.g. a buyer's
/// queue joins for an event or an account's sign-ins), so a solution is accepted once, on any API host.
/// In memory, kept until the challenges expire: a silo restart forgets, and the challenges are minutes long.
/// </summary>
public interface ISpentProofGrain : IGrainWithStringKey
{
    /// <summary>True the first time a challenge nonce is spent, false ever after (until it has expired).</summary>
    Task<bool> SpendAsync(string nonce, DateTimeOffset expiresAt);
}
