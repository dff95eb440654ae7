using System.Text;
using Npgsql;

namespace Tiketi.Api.Security;

/// <summary>
/// In Production the host refuses to start with a missing, short or well-known secret, and names the
/// setting. Development may run without them (the embedded default invents throwaway keys).
/// </summary>
public static class SecretsValidation
{
    public const int MinimumBytes = 32;

    /// <summary>Values found in tutorials, samples and the review of the system this replaces.</summary>
    private static readonly string[] Placeholders =
    [
        "admin123", "changeme", "change-me", "changethis", "secret", "password", "placeholder", "your-secret-key",
        "your-256-bit-secret", "supersecret", "default", "example", "test", "todo", "xxx",
    ];

    /// <summary>The secrets a production host needs, by configuration key.</summary>
    public static readonly string[] RequiredSecrets =
        ["Auth:SigningKey", "Auth:AdminPassword", "Sale:PassSigningKey", "Sale:TicketSigningKey"];

    /// <summary>Returns what is wrong, naming each setting; empty when every secret is fit for production.</summary>
    public static List<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        foreach (var key in RequiredSecrets)
        {
            Check(key, configuration[key], key == "Auth:AdminPassword" ? 12 : MinimumBytes, problems);
        }

        if (configuration.GetConnectionString("Tiketi") is { Length: > 0 } connectionString)
        {
            string? password;
            try
            {
                password = new NpgsqlConnectionStringBuilder(connectionString).Password;
            }
            catch (ArgumentException)
            {
                problems.Add("ConnectionStrings:Tiketi is not a valid PostgreSQL connection string.");
                return problems;
            }

            Check("ConnectionStrings:Tiketi (Password)", password, 16, problems);
        }

        return problems;
    }

    public static WebApplicationBuilder ValidateProductionSecrets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsProduction())
        {
            return builder;
        }

        var problems = Problems(builder.Configuration);
        return problems.Count == 0
            ? builder
            : throw new InvalidOperationException("Refusing to start in Production: " + string.Join(" ", problems));
    }

    private static void Check(string key, string? value, int minimumBytes, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is missing.");
        }
        else if (Encoding.UTF8.GetByteCount(value) < minimumBytes)
        {
            problems.Add($"{key} is shorter than {minimumBytes} bytes.");
        }
        else if (Placeholders.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase) && value.Length < p.Length + 8)
                 || value.Distinct().Count() < 10)
        {
            // A padded or repeated placeholder ("admin123admin123...") is as guessable as the original.
            problems.Add($"{key} is a known placeholder or too repetitive to be secret.");
        }
    }
}
