using Tiketi.Common;

namespace Tiketi.Accounts;

/// <summary>Account id → email: how a token's subject finds its account. Set once, never changed.</summary>
public sealed class AccountIdGrain(
    [PersistentState("account-id", StorageNames.Sale)] IPersistentState<AccountIdState> state) : Grain, IAccountIdGrain
{
    public async Task SetEmailAsync(string email)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        if (state.State.Email == email)
        {
            return;
        }

        if (state.State.Email is not null)
        {
            throw new InvalidOperationException("An account id maps to one email for good.");
        }

        state.State.Email = email;
        await state.WriteStateAsync();
    }

    public Task<string?> GetEmailAsync() => Task.FromResult(state.State.Email);
}
