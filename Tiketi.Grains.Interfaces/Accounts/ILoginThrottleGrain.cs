namespace Tiketi.Accounts;

/// <summary>
/// Failed sign-ins of one account or one client address (key: "acct:{email}" or "ip:{address}").
/// In memory only: a silo restart forgets, which errs on the buyer's side.
/// </summary>
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long until another attempt is allowed, or null when it is allowed now.</summary>
    Task<TimeSpan?> RetryAfterAsync(int maxFailures, TimeSpan window);

    /// <summary>Records a failure and returns how many fall within the window, this one included.</summary>
    Task<int> RecordFailureAsync(TimeSpan window);

    /// <summary>How many failures fall within the window now.</summary>
    Task<int> CountAsync(TimeSpan window);
}
