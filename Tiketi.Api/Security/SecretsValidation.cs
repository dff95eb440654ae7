using Tiketi.Silo.Security;

namespace Tiketi.Api.Security;

/// <summary>
/// In every environment but Development the host refuses to start with a missing, short, placeholder,
/// repetitive or low-entropy secret (<see cref="SecretChecks"/>, shared with the silo), and names the
/// setting, never its value. Development may run without them (the embedded default invents throwaway keys).
/// </summary>
public static class SecretsValidation
{
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
            if (key == "Auth:AdminPassword")
            {
                SecretChecks.CheckPassword(key, configuration[key], 12, problems);
            }
            else
            {
                SecretChecks.CheckKey(key, configuration[key], problems);
            }
        }

        SecretChecks.CheckDatabasePassword(configuration, problems);
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
}
