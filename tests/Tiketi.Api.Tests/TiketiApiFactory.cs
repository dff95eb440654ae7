using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tiketi.Api.Tests;

/// <summary>
/// The API in its embedded mode (one in-memory silo in the process) on free ports, with test secrets.
/// Tests share one instance per collection and use fresh ids, so they do not see each other.
/// </summary>
public sealed class TiketiApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@tiketi.test";
    public const string AdminPassword = "Admin-Passw0rd-for-tests!";
    public const string SigningKey = "tests-jwt-signing-key-0123456789abcdef-0123456789";

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = $"api-tests-{Guid.NewGuid():N}"[..30],
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:AdminEmail"] = AdminEmail,
        ["Auth:AdminPassword"] = AdminPassword,
        ["Sale:PassSigningKey"] = "tests-pass-signing-key-0123456789abcdef",
        ["Sale:TicketSigningKey"] = "tests-ticket-signing-key-0123456789abcdef",
        ["Sale:PaymentTimeout"] = "00:00:00.500",

        // Functional tests share one loopback client; the limits themselves are tested with their defaults.
        ["Security:AccountRequestsPerMinute"] = "1000000",
        ["Security:AccountBurst"] = "1000000",
        ["Security:AnonymousRequestsPerMinute"] = "1000000",
        ["Security:SignInRequestsPerMinute"] = "1000000",
        ["Security:NegotiationsPerMinute"] = "1000000",
        ["Security:QueuePollsPerMinute"] = "10000",
        ["Security:MacroPollsPerMinute"] = "100000",
        ["Security:SaleActionsPerMinute"] = "10000",
        ["Security:FailedLoginsPerWindow"] = "100000",
        ["Security:FreeFailedLogins"] = "1000",
        ["Security:RefusalFlushInterval"] = "00:00:00.500",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TiketiApiFactory>
{
    public const string Name = "api";
}
