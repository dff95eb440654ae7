using Microsoft.Extensions.Options;
using Tiketi.Accounts;

namespace Tiketi.Api.Accounts;

/// <summary>
/// At start-up: creates the configured admin, or brings its password and role in line with the
/// configuration. Runs before the host serves requests, so the admin can sign in at once.
/// </summary>
public sealed partial class AdminBootstrap(
    IClusterClient client,
    PasswordHasher hasher,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment() && string.IsNullOrEmpty(configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.SigningKey)}"]))
        {
            LogGeneratedKey(logger);
        }

        hasher.Warm();
        var auth = options.Value;
        var email = AccountEmail.Normalize(auth.AdminEmail);
        if (email is null || string.IsNullOrEmpty(auth.AdminPassword))
        {
            LogNoAdmin(logger);
            return;
        }

        var grain = client.GetGrain<IAccountGrain>(email);
        var existing = await grain.GetCredentialsAsync().WaitAsync(cancellationToken);
        if (existing is { Account.Role: ClaimsPrincipalExtensions.AdminRole }
            && hasher.Verify(auth.AdminPassword, existing.PasswordHash) && !hasher.NeedsRehash(existing.PasswordHash))
        {
            LogAdminReady(logger, existing.Account.Id);
            return;
        }

        var account = await grain.UpsertAsync(new NewAccount(
            existing?.Account.DisplayName ?? "Administrator", hasher.Hash(auth.AdminPassword), ClaimsPrincipalExtensions.AdminRole));
        LogAdminSaved(logger, account.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:SigningKey is not set: access tokens are signed with a random key that dies with this process (Development only)")]
    private static partial void LogGeneratedKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin account: set Auth:AdminEmail and Auth:AdminPassword to create one at start-up")]
    private static partial void LogNoAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {AccountId} is ready")]
    private static partial void LogAdminReady(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {AccountId} created or updated from configuration")]
    private static partial void LogAdminSaved(ILogger logger, string accountId);
}
