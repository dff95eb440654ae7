using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Storage;

namespace Tiketi.Accounts;

/// <summary>
/// The cluster's list of sessions ended early (see <see cref="ISessionRegistryGrain"/>). Each revocation
/// is one journal append (O(record), not O(list)); when the journal grows, the revocations still within
/// their retention become its snapshot. Revocations are rare next to sale traffic (a logout, a stolen
/// refresh token), so one grain carries them all.
/// </summary>
public sealed partial class SessionRegistryGrain(
    IGrainJournal journal,
    [FromKeyedServices(SaleClock.Key)] TimeProvider clock,
    ILogger<SessionRegistryGrain> logger) : Grain, ISessionRegistryGrain
{
    /// <summary>Records appended before the journal is compacted into a snapshot.</summary>
    public const int SnapshotEvery = 1_000;

    private readonly List<SessionRevocation> _revocations = [];
    private IAsyncStream<SessionRevocation> _stream = null!;
    private string _journalId = "";
    private long _nextSequence;
    private int _sinceSnapshot;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journalId = $"sessions/{this.GetPrimaryKeyString()}";
        _stream = this.GetStreamProvider(SaleStreams.Provider).GetStream<SessionRevocation>(StreamId.Create(SessionStreams.Namespace, SessionStreams.Revoked));
        var contents = await journal.LoadAsync(_journalId, cancellationToken);
        if (contents.Snapshot is { } snapshot)
        {
            _revocations.AddRange(SessionRevocationCodec.DecodeSnapshot(snapshot));
        }

        _revocations.AddRange(contents.Records.Select(r => SessionRevocationCodec.Decode(r.Payload)));
        _nextSequence = contents.NextSequence;
        _sinceSnapshot = contents.Records.Count;
    }

    public async Task RevokeAsync(SessionRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        await journal.AppendAsync(_journalId, _nextSequence, SessionRevocationCodec.Encode(revocation));
        _nextSequence++;
        _sinceSnapshot++;
        _revocations.Add(revocation);
        LogRevoked(logger, revocation.AccountId, revocation.SessionId, revocation.Reason);
        await _stream.OnNextAsync(revocation);
        if (_sinceSnapshot >= SnapshotEvery)
        {
            await CompactAsync();
        }
    }

    public Task<ImmutableArray<SessionRevocation>> GetSinceAsync(DateTimeOffset since) =>
        Task.FromResult(_revocations.Where(r => r.RevokedAt >= since).ToImmutableArray());

    private async Task CompactAsync()
    {
        var horizon = clock.GetUtcNow() - SessionRevocation.Retention;
        _revocations.RemoveAll(r => r.RevokedAt < horizon);
        await journal.SnapshotAsync(_journalId, _nextSequence, SessionRevocationCodec.EncodeSnapshot(_revocations));
        _sinceSnapshot = 0;
    }

    [LoggerMessage(EventId = SecurityEventIds.SessionRevoked, EventName = "SessionRevoked", Level = LogLevel.Warning,
        Message = "Session {SessionId} of account {AccountId} revoked ({Reason}): its access tokens are refused from now on")]
    private static partial void LogRevoked(ILogger logger, string accountId, string sessionId, string reason);
}
