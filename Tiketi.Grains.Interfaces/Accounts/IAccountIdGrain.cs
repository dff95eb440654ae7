namespace Tiketi.Accounts;

/// <summary>
/// The index from an account id (key, the token's "sub") to the email that keys its
/// <see cref="IAccountGrain"/>. Written once, when the account is created.
/// </summary>
public interface IAccountIdGrain : IGrainWithStringKey
{
    Task SetEmailAsync(string email);

    [ReadOnly]
    Task<string?> GetEmailAsync();
}
