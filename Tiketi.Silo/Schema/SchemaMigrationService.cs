using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Tiketi.Silo.Schema;

/// <summary>
/// Brings the schema up to date before the silo starts (registered ahead of Orleans, and hosted
/// services start in order). Silos starting together take turns on an advisory lock.
/// </summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await migrator.MigrateAsync(configuration.GetConnectionString("Tiketi")!, createDatabase: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
