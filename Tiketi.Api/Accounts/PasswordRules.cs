namespace Tiketi.Api.Accounts;

/// <summary>What a password must be: 10 to 128 characters, a letter and a digit or symbol, not the email.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;
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

        if (!password.Any(char.IsLetter) || !password.Any(c => !char.IsLetter(c)))
        {
            return "The password must contain a letter and a digit or symbol.";
        }

        return normalizedEmail is not null && string.Equals(password.Trim(), normalizedEmail, StringComparison.OrdinalIgnoreCase)
            ? "The password must not be the email address."
            : null;
    }
}
