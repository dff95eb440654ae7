using System.Text;
using Npgsql;

namespace Tiketi.Api.Security;

/// <summary>
/// In every environment but Development the host refuses to start with a missing, short, placeholder,
/// repetitive or low-entropy secret (<see cref="SecretStrength"/>), and names the setting, never its
/// value. Development may run without them (the embedded default invents throwaway keys).
/// </summary>
public static class SecretsValidation
{
    public const int MinimumBytes = 32;

    /// <summary>Bits a signing key must reach: a random 32-byte key has well over 200.</summary>
    public const double MinimumKeyBits = 128;

    /// <summary>Bits a password-like secret (the admin's, the database's) must reach.</summary>
    public const double MinimumPasswordBits = 60;

    /// <summary>The secrets a host needs outside Development, by configuration key.</summary>
    public static readonly string[] RequiredSecrets =
        ["Auth:SigningKey", "Auth:AdminPassword", "Sale:PassSigningKey", "Sale:TicketSigningKey"];

    /// <summary>Returns what is wrong, naming each setting; empty when every secret is fit for use.</summary>
    public static List<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        foreach (var key in RequiredSecrets)
        {
            var password = key == "Auth:AdminPassword";
            Check(key, configuration[key], password ? 12 : MinimumBytes, password ? MinimumPasswordBits : MinimumKeyBits, problems);
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

            Check("ConnectionStrings:Tiketi (Password)", password, 16, MinimumPasswordBits, problems);
        }

        return problems;
    }

    public static WebApplicationBuilder ValidateSecrets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var problems = Problems(builder.Configuration);
        return problems.Count == 0
            ? builder
            : throw new InvalidOperationException($"Refusing to start in {builder.Environment.EnvironmentName}: " + string.Join(" ", problems));
    }

    private static void Check(string key, string? value, int minimumBytes, double minimumBits, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is missing.");
        }
        else if (Encoding.UTF8.GetByteCount(value) < minimumBytes)
        {
            problems.Add($"{key} is shorter than {minimumBytes} bytes.");
        }
        else if (SecretStrength.Bits(value) < minimumBits)
        {
            // A padded or repeated placeholder ("your-256-bit-secret-your-256-bit-secret") is as guessable as the original.
            problems.Add($"{key} looks like a placeholder, a repeated pattern or too little randomness to be secret: use a random value (e.g. openssl rand -base64 32).");
        }
    }
}
