using Tiketi.Common;

namespace Tiketi.Grains.Tests.Rules;

public sealed class StateWriteBatchTests
{
    [Fact]
    public async Task WriteAsync_ManyCallersDuringOneWrite_ShareTheNextWriteAndAllWaitForIt()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var batch = new StateWriteBatch(async () => { writes++; await gate.Task; }, () => { });

        var first = batch.WriteAsync();
        var followers = Enumerable.Range(0, 100).Select(_ => batch.WriteAsync()).ToList();
        Assert.False(first.IsCompleted);
        Assert.All(followers, f => Assert.False(f.IsCompleted));

        gate.SetResult();
        await Task.WhenAll(followers.Append(first));

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task WriteAsync_WriteFails_EveryCallerOfThatBatchFailsAndTheGrainIsTold()
    {
        var failures = 0;
        var batch = new StateWriteBatch(() => Task.FromException(new InvalidOperationException("disk full")), () => failures++);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(batch.WriteAsync);

        Assert.Equal("disk full", error.Message);
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task WriteAsync_AfterAFailedWrite_NeverWritesAgain()
    {
        var writes = 0;
        var batch = new StateWriteBatch(() => ++writes == 1 ? Task.FromException(new InvalidOperationException("conflict")) : Task.CompletedTask, () => { });
        await Assert.ThrowsAsync<InvalidOperationException>(batch.WriteAsync);

        // The failed batch's changes are still in memory: writing them with the next batch would store what was refused.
        // Refused as an inconsistent activation: a transient failure to callers (retried, or 503), carrying no
        // inner exception that might not cross the wire.
        var later = await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(batch.WriteAsync);

        Assert.Equal(1, writes);
        Assert.Null(later.InnerException);
        Assert.Contains(nameof(InvalidOperationException), later.Message, StringComparison.Ordinal);
    }
}
