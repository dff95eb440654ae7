namespace Tiketi.Api.Accounts;

/// <summary>
/// What a password must be (OWASP ASVS 2.1.1, 2.1.7, 2.1.9): 12 to 128 characters, any characters, no
/// composition rules; not a password known from breaches (<see cref="BreachedPasswords"/>), and not the
/// email address.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? password, string? normalizedEmail)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        if (password.Length is < MinLength or > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters long.";
        }

        if (normalizedEmail is not null && string.Equals(password.Trim(), normalizedEmail, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not be the email address.";
        }

        return BreachedPasswords.Contains(password)
            ? "This password appears in lists of breached passwords, which attackers try first; choose another."
            : null;
    }
}
