using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tiketi.Silo.Hosting;
using Tiketi.Silo.Observability;
using Tiketi.Silo.Schema;
using Tiketi.Silo.Security;

namespace Tiketi.Silo;

/// <summary>
/// The silo process: one member of a PostgreSQL-clustered TIKETI cluster.
/// <c>Tiketi.Silo migrate</c> only brings the schema up to date and exits (for a one-shot job).
/// </summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Where(a => a != "migrate").ToArray());

        // Container secrets arrive as files (/run/secrets/Sale__PassSigningKey), as on the API hosts.
        builder.Configuration.AddKeyPerFile("/run/secrets", optional: true, reloadOnChange: false);
        if (args.Contains("migrate"))
        {
            builder.Services.AddSingleton<SchemaMigrator>();
            using var tool = builder.Build();
            var connectionString = builder.Configuration.GetConnectionString(TiketiSiloHostExtensions.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await Console.Error.WriteLineAsync("ConnectionStrings:Tiketi is not set.");
                return 2;
            }

            try
            {
                var applied = await tool.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(connectionString, createDatabase: true);
                Console.WriteLine(applied.Count == 0 ? "Schema up to date." : $"Applied: {string.Join(", ", applied)}");
                return 0;
            }
            catch (SchemaMigrationException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 1;
            }
        }

        // Outside Development a silo signs queue passes and ticket codes and holds the database password:
        // weak or placeholder secrets are refused, as the API host refuses them (issue #16).
        if (!builder.Environment.IsDevelopment() && SecretChecks.SiloProblems(builder.Configuration) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync($"Tiketi.Silo could not start: refusing to start in {builder.Environment.EnvironmentName}: {string.Join(" ", problems)}");
            return 1;
        }

        try
        {
            builder.AddTiketiSilo();
            builder.AddTiketiSiloObservability();
            using var host = builder.Build();
            await host.RunAsync();
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or SchemaMigrationException
            or Microsoft.Extensions.Options.OptionsValidationException or System.Net.Sockets.SocketException or IOException)
        {
            // A configuration, port or database problem: one clear line, not a stack trace.
            await Console.Error.WriteLineAsync($"Tiketi.Silo could not start: {exception.Message}");
            return 1;
        }
    }
}
