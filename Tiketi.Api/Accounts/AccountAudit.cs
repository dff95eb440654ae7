namespace Tiketi.Api.Accounts;

/// <summary>The account events worth a log line. Ids only: never an email, password or token.</summary>
public sealed partial class AccountAudit(ILogger<AccountAudit> logger)
{
    public void Registered(string accountId) => LogRegistered(logger, accountId);

    public void SignedIn(string accountId) => LogSignedIn(logger, accountId);

    public void SignInFailed() => LogSignInFailed(logger);

    public void RefreshRefused(string? accountId) => LogRefreshRefused(logger, accountId ?? "(none)");

    public void SignedOut(string accountId, bool revoked) => LogSignedOut(logger, accountId, revoked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} registered")]
    private static partial void LogRegistered(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in failed: wrong email or password")]
    private static partial void LogSignInFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A refresh token for account {AccountId} was refused")]
    private static partial void LogRefreshRefused(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} signed out (token family revoked: {Revoked})")]
    private static partial void LogSignedOut(ILogger logger, string accountId, bool revoked);
}
