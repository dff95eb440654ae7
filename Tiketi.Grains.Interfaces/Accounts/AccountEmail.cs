using System.Net.Mail;
using System.Text;

namespace Tiketi.Accounts;

/// <summary>
/// The one spelling of an email address that keys its account: trimmed, NFC, lower-case invariant.
/// "Ann@Example.com " and "ann@example.com" are the same account.
/// </summary>
public static class AccountEmail
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxLength = 254;

    /// <summary>The normalized address, or null when it is not a plain, well-formed address.</summary>
    public static string? Normalize(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var normalized = email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        return IsWellFormed(normalized) ? normalized : null;
    }

    /// <summary>Whether a grain key is already a normalized, well-formed address.</summary>
    public static bool IsNormalized(string key) => Normalize(key) == key;

    private static bool IsWellFormed(string email)
    {
        if (email.Length > MaxLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
            || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        // MailAddress would also accept "Name <a@b.c>"; demanding that it reads back the same refuses those.
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && string.IsNullOrEmpty(parsed.DisplayName);
    }
}
