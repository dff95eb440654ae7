using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiketi.Common;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Opens every committer's connection (and looks for legacy rows) while the silo starts, before it takes
/// grains: the first grains a new silo activates (a dead silo's, during a failover) then pay one round
/// trip, not a connection setup and type loading as well. A database that is not there yet only delays
/// this by the retry budget; it does not stop the silo (storage keeps retrying per operation).
/// </summary>
public sealed partial class StorageWarmUp(
    StorageCommitter committer, LegacyStateReader legacy, IOptions<PostgresStorageOptions> options, ILogger<StorageWarmUp> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(StorageWarmUp), ServiceLifecycleStage.ApplicationServices, WarmUpAsync);
    }

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await committer.WarmUpAsync();
            if (options.Value.ReadLegacyRows)
            {
                await legacy.AnyRowsAsync();
            }
        }
        catch (StorageUnavailableException exception)
        {
            LogWarmUpFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage could not reach PostgreSQL while the silo started ({Reason}); it keeps trying per operation")]
    private static partial void LogWarmUpFailed(ILogger logger, string reason);
}
