using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tiketi.Api.Tests.Security;

/// <summary>The API as Production runs it, with good secrets unless a test spoils one, and default limits.</summary>
public sealed class ProductionApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Production unless a test picks another environment that is not Development (Staging).</summary>
    public string EnvironmentName { get; init; } = "Production";

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Orleans:SiloPort"] = TiketiApiFactory.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = TiketiApiFactory.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = $"prod-tests-{Guid.NewGuid():N}"[..30],
        ["Auth:SigningKey"] = "Zq8vN2xR7tLk4pW9sJ3mH6yB1cF5dG0aQeUiOoPl",
        ["Auth:AdminEmail"] = "ops@tiketi.test",
        ["Auth:AdminPassword"] = "Ops-Str0ng-Passphrase-2026",
        ["Sale:PassSigningKey"] = "Pk3nW8qZ1vX6rT9yU2oI5eA7sD0fG4hJ8lK3mN6b",
        ["Sale:TicketSigningKey"] = "Tc9xB2nM5vQ8wE1rT4yU7iO0pA3sD6fG9hJ2kL5z",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
