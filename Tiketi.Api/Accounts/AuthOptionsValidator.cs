using System.Text;
using Microsoft.Extensions.Options;
using Tiketi.Accounts;

namespace Tiketi.Api.Accounts;

/// <summary>
/// What data annotations cannot say: the key's length in bytes, the admin's address and password
/// rules, and that outside Development nothing may be missing. Each failure names its setting.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var strict = !environment.IsDevelopment();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add($"Auth:SigningKey is missing: set a random secret of at least {AuthOptions.MinimumSigningKeyBytes} bytes.");
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumSigningKeyBytes)
        {
            failures.Add($"Auth:SigningKey is shorter than {AuthOptions.MinimumSigningKeyBytes} bytes.");
        }

        if (strict && string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            failures.Add("Auth:AdminEmail is missing: the first admin account is created from it.");
        }
        else if (!string.IsNullOrWhiteSpace(options.AdminEmail) && AccountEmail.Normalize(options.AdminEmail) is null)
        {
            failures.Add("Auth:AdminEmail is not a valid email address.");
        }

        if (strict && string.IsNullOrEmpty(options.AdminPassword))
        {
            failures.Add("Auth:AdminPassword is missing: the first admin account is created with it.");
        }
        else if (!string.IsNullOrEmpty(options.AdminPassword)
            && PasswordRules.Check(options.AdminPassword, AccountEmail.Normalize(options.AdminEmail)) is { } problem)
        {
            failures.Add($"Auth:AdminPassword is too weak: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
