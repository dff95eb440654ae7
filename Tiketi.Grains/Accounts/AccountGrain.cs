using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiketi.Common;

namespace Tiketi.Accounts;

/// <summary>
/// One account, keyed by its normalized email. Passwords arrive already hashed (bcrypt is slow on
/// purpose and runs in the API host, not in a grain turn); refresh tokens arrive as SHA-256 hashes.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", StorageNames.Sale)] IPersistentState<AccountState> state,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    public async Task<Result<AccountView>> RegisterAsync(NewAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (state.State.Account is not null)
        {
            return Result<AccountView>.Fail(AccountReasons.EmailTaken, "An account with this email already exists.");
        }

        return Result<AccountView>.Ok(await CreateAsync(account));
    }

    public async Task<AccountView> UpsertAsync(NewAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (state.State.Account is not { } existing)
        {
            return await CreateAsync(account);
        }

        state.State.Account = existing with { DisplayName = account.DisplayName, Role = account.Role };
        state.State.PasswordHash = account.PasswordHash;
        await state.WriteStateAsync();
        return state.State.Account;
    }

    public Task<AccountView?> GetAsync() => Task.FromResult(state.State.Account);

    public Task<AccountCredentials?> GetCredentialsAsync() =>
        Task.FromResult(state.State.Account is { } account ? new AccountCredentials(account, state.State.PasswordHash) : null);

    public async Task<Result<RefreshGrant>> IssueRefreshAsync(RefreshIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (state.State.Account is not { } account)
        {
            return Result<RefreshGrant>.Fail(AccountReasons.RefreshInvalid, "No such account.");
        }

        var (sessionId, expiresAt, evicted) = RefreshTokenBook.Start(state.State.Families, issue.TokenHash, clock.GetUtcNow(), issue.Lifetime);
        await state.WriteStateAsync();
        foreach (var dropped in evicted)
        {
            await RevokeSessionAsync(account.Id, dropped, SessionRevocation.Evicted);
        }

        return Result<RefreshGrant>.Ok(new RefreshGrant(account, expiresAt, sessionId));
    }

    public async Task<Result<RefreshGrant>> RotateRefreshAsync(RefreshRotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        if (state.State.Account is not { } account)
        {
            return Result<RefreshGrant>.Fail(AccountReasons.RefreshInvalid, "The refresh token is not valid.");
        }

        var sessionId = RefreshTokenBook.FamilyOf(state.State.Families, rotation.PresentedHash);
        var (outcome, expiresAt) = RefreshTokenBook.Rotate(
            state.State.Families, rotation.PresentedHash, rotation.NextHash, clock.GetUtcNow(), rotation.Lifetime);
        if (outcome != RefreshOutcome.Unknown)
        {
            await state.WriteStateAsync();
        }

        if (outcome == RefreshOutcome.Reused)
        {
            LogReuse(logger, account.Id, sessionId!);
            await RevokeSessionAsync(account.Id, sessionId!, SessionRevocation.Reuse);
        }

        return outcome == RefreshOutcome.Rotated
            ? Result<RefreshGrant>.Ok(new RefreshGrant(account, expiresAt, sessionId!))
            : Result<RefreshGrant>.Fail(AccountReasons.RefreshInvalid, outcome == RefreshOutcome.Expired
                ? "The refresh token has expired; sign in again."
                : "The refresh token is not valid; sign in again.");
    }

    public async Task<bool> RevokeRefreshFamilyAsync(string tokenHash)
    {
        var sessionId = RefreshTokenBook.FamilyOf(state.State.Families, tokenHash);
        if (sessionId is null || !RefreshTokenBook.Revoke(state.State.Families, tokenHash))
        {
            return false;
        }

        await state.WriteStateAsync();
        await RevokeSessionAsync(state.State.Account!.Id, sessionId, SessionRevocation.Logout);
        return true;
    }

    public async Task EndSessionAsync(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (state.State.Account is not { } account)
        {
            return;
        }

        if (state.State.Families.Remove(sessionId))
        {
            await state.WriteStateAsync();
        }

        await RevokeSessionAsync(account.Id, sessionId, SessionRevocation.Logout);
    }

    /// <summary>Its access tokens live on until they expire unless every API host hears of it: the registry tells them.</summary>
    private Task RevokeSessionAsync(string accountId, string sessionId, string reason) =>
        GrainFactory.GetGrain<ISessionRegistryGrain>(ISessionRegistryGrain.Key)
            .RevokeAsync(new SessionRevocation(sessionId, accountId, reason, clock.GetUtcNow()));

    private async Task<AccountView> CreateAsync(NewAccount account)
    {
        var email = this.GetPrimaryKeyString();
        if (!AccountEmail.IsNormalized(email))
        {
            throw new InvalidOperationException("An account grain is keyed by a normalized email address.");
        }

        var view = new AccountView(Guid.NewGuid().ToString("N"), email, account.DisplayName, account.Role, clock.GetUtcNow());

        // The index first: an index entry without its account is harmless (readers check the id), an
        // account that cannot be found by id could never refresh a token.
        await GrainFactory.GetGrain<IAccountIdGrain>(view.Id).SetEmailAsync(email);
        state.State.Account = view;
        state.State.PasswordHash = account.PasswordHash;
        state.State.Families.Clear();
        await state.WriteStateAsync();
        return view;
    }

    [LoggerMessage(EventId = SecurityEventIds.RefreshTokenReused, EventName = "RefreshTokenReused", Level = LogLevel.Warning,
        Message = "A used refresh token of account {AccountId} was presented again; its session {SessionId} is revoked")]
    private static partial void LogReuse(ILogger logger, string accountId, string sessionId);
}
