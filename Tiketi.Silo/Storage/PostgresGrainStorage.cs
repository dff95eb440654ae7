using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Tiketi.Silo.Storage;

/// <summary>
/// Grain storage on PostgreSQL with group commit: reads and writes of many grains of the silo share
/// round trips and transactions (<see cref="StorageCommitter"/>); a write completes only once its
/// transaction has committed. Optimistic concurrency per grain: the ETag is the row's version, and a
/// write over a version that moved on fails with <see cref="InconsistentStateException"/> for that grain
/// alone. State is binary and versioned (<c>VersionedGrainStateSerializer</c>).
/// </summary>
/// <remarks>
/// <para>
/// The state is serialized synchronously when <see cref="WriteStateAsync{T}(string, GrainId, IGrainState{T})"/>
/// is called, on the grain's own scheduler, before anything is queued. A grain may therefore hand over
/// its live state object and keep changing it as soon as the call has returned its task: no private copy
/// is needed (Orleans' ADO.NET provider serializes later, off the grain's turn, and needed one).
/// </para>
/// <para>
/// A grain with no row here falls back, once, to the row versions before this format wrote in
/// orleansstorage (<see cref="LegacyStateReader"/>); its next write goes to this table.
/// </para>
/// </remarks>
public sealed class PostgresGrainStorage(
    string name, StorageCommitter committer, IGrainStorageSerializer serializer, IActivatorProvider activators, LegacyStateReader legacy)
    : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var read = new ReadStateOperation(stateName, grainId.ToString(), cancellationToken);
        await committer.SubmitAsync(read);
        if (read.Found)
        {
            grainState.ETag = read.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = read.Payload is not null;
            grainState.State = read.Payload is null ? Create<T>() : serializer.Deserialize<T>(read.Payload) ?? Create<T>();
            return;
        }

        if (!await legacy.TryReadAsync(name, stateName, grainId, grainState))
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Create<T>();
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);

        // Now, on the caller's turn: the grain may change its state again as soon as this returns.
        var payload = serializer.Serialize(grainState.State).ToMemory();
        return WriteAsync(stateName, grainId, grainState, payload, cancellationToken);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Keeps the row, without a payload, so the version (the ETag) keeps counting.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        return WriteAsync(stateName, grainId, grainState, null, cancellationToken);
    }

    private async Task WriteAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, ReadOnlyMemory<byte>? payload, CancellationToken cancellationToken)
    {
        var etag = grainState.ETag;
        var legacyVersion = LegacyStateReader.LegacyVersion(etag);
        var version = legacyVersion is null ? ReadVersion(etag, stateName, grainId) + 1 : 1;
        var write = new WriteStateOperation(stateName, grainId.ToString(), version, payload, cancellationToken);
        await committer.SubmitAsync(write);
        if (!write.Written)
        {
            throw new InconsistentStateException(
                $"Version conflict writing state '{stateName}' of {grainId} (provider {name}): another activation wrote after version {etag ?? "none"} was read.",
                "unknown", etag ?? "none");
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
        if (payload is null)
        {
            grainState.State = Create<T>();
        }

        if (legacyVersion is not null)
        {
            await legacy.ForgetAsync(name, stateName, grainId, legacyVersion);
        }
    }

    private long ReadVersion(string? etag, string stateName, GrainId grainId)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return 0;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} carries ETag '{etag}', which provider {name} did not issue.", "unknown", etag);
    }

    private T Create<T>() => activators.GetActivator<T>().Create();
}
