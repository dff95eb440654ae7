using System.Diagnostics;
using Tiketi.Silo.Tests.Schema;
using Tiketi.TestSupport;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>How the silo process starts, or refuses to, as an operator runs it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloStartupTests(PostgresServer postgres, ITestOutputHelper output)
{
    // Strong enough for the silo's own check of its secrets (outside Development), so the start gets as far as the database.
    private const string Password = "Qm7ZtR4wLx9pV2nKc8HsJ3";

    [Fact]
    public async Task SiloProcess_UnreachableDatabase_ExitsNonZeroNamingServerNotPassword()
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tiketi"] = $"Host=127.0.0.1;Port={port};Database=tiketi;Username=tiketi;Password={Password}",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sale__PassSigningKey"] = ProcessCluster.PassKey,
            ["Sale__TicketSigningKey"] = ProcessCluster.TicketKey,
            ["Metrics__Port"] = "0",
        };
        var clock = Stopwatch.StartNew();
        using var silo = SiloProcess.Start("unreachable", environment);

        // The connect timeout is 5 s; the rest is process start-up, slow on a loaded 2-core CI machine.
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(40));

        var text = silo.Output();
        output.WriteLine($"exit code {silo.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(text);
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{port}/tiketi", text);
        Assert.DoesNotContain(Password, text);
    }

    [Fact]
    public async Task SiloProcess_PlaceholderSigningKeyInProduction_RefusesToStartNamingTheSettingNotItsValue()
    {
        const string placeholder = "your-256-bit-secret-your-256-bit-secret";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tiketi"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=tiketi;Username=tiketi;Password={Password}",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sale__PassSigningKey"] = placeholder,
            ["Sale__TicketSigningKey"] = ProcessCluster.TicketKey,
            ["Metrics__Port"] = "0",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        using var silo = SiloProcess.Start("placeholder", environment);

        await silo.WaitForExitAsync(TimeSpan.FromSeconds(40));

        var text = silo.Output();
        output.WriteLine(text);
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Sale:PassSigningKey looks like a placeholder", text);
        Assert.DoesNotContain("Sale:TicketSigningKey", text);
        Assert.DoesNotContain(placeholder, text);
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesSchemaThenReportsUpToDate()
    {
        var database = await postgres.CreateDatabaseAsync("failover_migrate");
        try
        {
            var environment = new Dictionary<string, string> { ["ConnectionStrings__Tiketi"] = database };

            var first = await MigrateAsync(environment);
            var tables = await SchemaSnapshot.ReadColumnAsync(database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
            var second = await MigrateAsync(environment);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains("Applied: ", first.Output);
            Assert.Contains("orleansmembershiptable", tables);
            Assert.Contains("orleansstorage", tables);
            Assert.Contains("orleansreminderstable", tables);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("Schema up to date.", second.Output);
            Assert.DoesNotContain("Applied: ", second.Output);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private async Task<(int ExitCode, string Output)> MigrateAsync(Dictionary<string, string> environment)
    {
        using var tool = SiloProcess.Start("migrate", environment, arguments: "migrate");
        await tool.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var text = tool.Output();
        output.WriteLine(text);
        return (tool.ExitCode, text);
    }
}
