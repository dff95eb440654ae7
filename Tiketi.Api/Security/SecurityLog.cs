using Tiketi.Accounts;

namespace Tiketi.Api.Security;

/// <summary>
/// The security events the API hosts log, each with its stable id from <see cref="SecurityEventIds"/>
/// (docs/observability.md has the Loki query of each). Ids and addresses only: never an email,
/// password or token.
/// </summary>
public sealed partial class SecurityLog(ILogger<SecurityLog> logger)
{
    public void SignInFailed(string? accountId, string clientIp) => LogSignInFailed(logger, accountId ?? "(no such account)", clientIp);

    public void Throttled(string limit, string clientIp, string? accountId, string path) =>
        LogThrottled(logger, limit, clientIp, accountId ?? "(anonymous)", path);

    public void SignInProofRequired(string? accountId, string clientIp, int bits) =>
        LogProofRequired(logger, accountId ?? "(no such account)", clientIp, bits);

    public void AdminAction(string accountId, string method, string route, int status) => LogAdminAction(logger, accountId, method, route, status);

    public void RepeatedRequestsBlocked(string accountId, string eventId, string clientIp, TimeSpan block) =>
        LogRepeatedRequests(logger, accountId, eventId, clientIp, (int)block.TotalSeconds);

    [LoggerMessage(EventId = SecurityEventIds.SignInFailed, EventName = "SignInFailed", Level = LogLevel.Warning,
        Message = "Sign-in failed for account {AccountId} from {ClientIp}")]
    private static partial void LogSignInFailed(ILogger logger, string accountId, string clientIp);

    [LoggerMessage(EventId = SecurityEventIds.Throttled, EventName = "Throttled", Level = LogLevel.Warning,
        Message = "Throttled by the {Limit} limit: {ClientIp} (account {AccountId}) on {Path}")]
    private static partial void LogThrottled(ILogger logger, string limit, string clientIp, string accountId, string path);

    [LoggerMessage(EventId = SecurityEventIds.SignInProofRequired, EventName = "SignInProofRequired", Level = LogLevel.Warning,
        Message = "Sign-in to account {AccountId} from {ClientIp} refused until it carries a proof of work of {Bits} bits")]
    private static partial void LogProofRequired(ILogger logger, string accountId, string clientIp, int bits);

    [LoggerMessage(EventId = SecurityEventIds.AdminAction, EventName = "AdminAction", Level = LogLevel.Information,
        Message = "Admin {AccountId}: {Method} {Route} answered {Status}")]
    private static partial void LogAdminAction(ILogger logger, string accountId, string method, string route, int status);

    [LoggerMessage(EventId = SecurityEventIds.RepeatedRequestsBlocked, EventName = "RepeatedRequestsBlocked", Level = LogLevel.Warning,
        Message = "Account {AccountId} polled the queue of {SaleEventId} at a macro's rate from {ClientIp}: blocked for {BlockSeconds} s")]
    private static partial void LogRepeatedRequests(ILogger logger, string accountId, string saleEventId, string clientIp, int blockSeconds);
}
