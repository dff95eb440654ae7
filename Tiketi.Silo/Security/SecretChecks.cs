using System.Text;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Tiketi.Silo.Security;

/// <summary>
/// The strength rules for the secrets a TIKETI host is given, shared by the API host and the silo: in every
/// environment but Development a missing, short, placeholder, repetitive or low-entropy secret is refused
/// (<see cref="SecretStrength"/>), naming the setting and never its value.
/// </summary>
public static class SecretChecks
{
    public const int MinimumBytes = 32;

    /// <summary>Bits a signing key must reach: a random 32-byte key has well over 200.</summary>
    public const double MinimumKeyBits = 128;

    /// <summary>Bits a password-like secret (the admin's, the database's) must reach.</summary>
    public const double MinimumPasswordBits = 60;

    /// <summary>The signing keys a silo holds: queue passes and ticket codes are signed with them.</summary>
    public static readonly string[] SiloKeys = ["Sale:PassSigningKey", "Sale:TicketSigningKey"];

    /// <summary>What is wrong with a silo's secrets: its signing keys and its database password.</summary>
    public static List<string> SiloProblems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        foreach (var key in SiloKeys)
        {
            CheckKey(key, configuration[key], problems);
        }

        CheckDatabasePassword(configuration, problems);
        return problems;
    }

    public static void CheckKey(string key, string? value, List<string> problems) => Check(key, value, MinimumBytes, MinimumKeyBits, problems);

    public static void CheckPassword(string key, string? value, int minimumLength, List<string> problems) =>
        Check(key, value, minimumLength, MinimumPasswordBits, problems);

    /// <summary>The password inside <c>ConnectionStrings:Tiketi</c>, when one is configured.</summary>
    public static void CheckDatabasePassword(IConfiguration configuration, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        if (configuration.GetConnectionString("Tiketi") is not { Length: > 0 } connectionString)
        {
            return;
        }

        string? password;
        try
        {
            password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            problems.Add("ConnectionStrings:Tiketi is not a valid PostgreSQL connection string.");
            return;
        }

        CheckPassword("ConnectionStrings:Tiketi (Password)", password, 16, problems);
    }

    private static void Check(string key, string? value, int minimumBytes, double minimumBits, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
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
