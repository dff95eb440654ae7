using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;
using Tiketi.Common;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Reads grain state that versions before the binary format wrote: Orleans' ADO.NET provider's rows in
/// orleansstorage, Newtonsoft JSON with type names. Orleans' own provider does the reading (same keys,
/// hashes and serializer as wrote them), registered under a hidden name per TIKETI provider. A grain
/// found there is handed to its grain with an ETag that makes its next write insert the row in the new
/// table; once that write has committed the legacy row is deleted, so it is never read again and the
/// old table empties as grains are written. Only consulted when the new table has no row for the grain,
/// and only while the old table holds rows of this service (checked once per silo start).
/// </summary>
public sealed partial class LegacyStateReader(
    IServiceProvider services, StorageCommitter committer, IOptions<PostgresStorageOptions> options, ILogger<LegacyStateReader> logger)
{
    private const string ETagPrefix = "legacy:";
    private const string AnyRowsSql = "SELECT EXISTS (SELECT 1 FROM orleansstorage WHERE serviceid = $1)";

    private Task<bool>? _anyRows;

    /// <summary>The hidden name of the ADO.NET provider that reads the rows of TIKETI provider <paramref name="provider"/>.</summary>
    public static string ProviderName(string provider) => "tiketi-legacy-" + provider;

    /// <summary>The legacy row's version when <paramref name="etag"/> came from this reader; otherwise null.</summary>
    public static string? LegacyVersion(string? etag) =>
        etag is not null && etag.StartsWith(ETagPrefix, StringComparison.Ordinal) ? etag[ETagPrefix.Length..] : null;

    /// <summary>Fills <paramref name="grainState"/> from the legacy row, if there is one.</summary>
    public async Task<bool> TryReadAsync<T>(string provider, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (!options.Value.ReadLegacyRows || !await AnyRowsAsync())
        {
            return false;
        }

        var legacy = new GrainState<T>();
        await RetryAsync(() => Storage(provider).ReadStateAsync(stateName, grainId, legacy));
        if (!legacy.RecordExists)
        {
            return false;
        }

        grainState.State = legacy.State;
        grainState.RecordExists = true;
        grainState.ETag = ETagPrefix + legacy.ETag;
        LogLegacyRead(logger, stateName, grainId);
        return true;
    }

    /// <summary>
    /// Deletes the legacy row of a grain whose state now lives in the new table. A failure only leaves the
    /// row behind, unread (the new table answers first), so it is logged, not thrown.
    /// </summary>
    public async Task ForgetAsync(string provider, string stateName, GrainId grainId, string legacyVersion)
    {
        var row = new GrainState<object>(new object(), legacyVersion) { RecordExists = true };
        try
        {
            await Storage(provider).ClearStateAsync(stateName, grainId, row);
        }
        catch (Exception exception) when (exception is NpgsqlException or InconsistentStateException or TimeoutException or IOException)
        {
            LogLegacyRowKept(logger, stateName, grainId, TransientFailures.Describe(exception));
        }
    }

    private IGrainStorage Storage(string provider) => services.GetRequiredKeyedService<IGrainStorage>(ProviderName(provider));

    /// <summary>Whether the old table holds rows of this service; asked once, then remembered.</summary>
    internal Task<bool> AnyRowsAsync()
    {
        var check = _anyRows;
        if (check is null || check.IsFaulted || check.IsCanceled)
        {
            _anyRows = check = CheckAnyRowsAsync();
        }

        return check;
    }

    private async Task<bool> CheckAnyRowsAsync()
    {
        var any = false;
        await RetryAsync(async () =>
        {
            await using var command = committer.DataSource.CreateCommand(AnyRowsSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = committer.ServiceId });
            any = (bool)(await command.ExecuteScalarAsync())!;
        });
        LogLegacyRows(logger, any, committer.ServiceId);
        return any;
    }

    // The legacy reads run outside the committers, so they get the same patience during an outage.
    private async Task RetryAsync(Func<Task> action)
    {
        var deadline = Environment.TickCount64 + (long)options.Value.RetryBudget.TotalMilliseconds;
        var delay = 50;
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                if (Environment.TickCount64 + delay > deadline)
                {
                    throw new StorageUnavailableException(
                        $"PostgreSQL stayed unreachable for the storage retry budget while reading a legacy row: {TransientFailures.Describe(exception)}.");
                }

                committer.Outage.Retrying(exception);
                await Task.Delay(delay);
                delay = Math.Min(delay * 2, 1_000);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Legacy grain state rows (orleansstorage) of service {ServiceId} present: {Present}; grains without a row in the binary table are looked up there")]
    private static partial void LogLegacyRows(ILogger logger, bool present, string serviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read legacy state '{StateName}' of {GrainId}; its next write moves it to the binary table")]
    private static partial void LogLegacyRead(ILogger logger, string stateName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the legacy row of state '{StateName}' of {GrainId} ({Cause}); it stays, unread")]
    private static partial void LogLegacyRowKept(ILogger logger, string stateName, GrainId grainId, string cause);
}
