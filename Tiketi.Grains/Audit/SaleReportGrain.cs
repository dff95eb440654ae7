using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Queue;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Audit;

/// <summary>
/// Builds the on-sale audit from the grains that own each fact: the event (definition, status), every
/// block (counts, holds, sell-out times), the queue, the waitlist and the sale's error counts.
/// </summary>
[StatelessWorker]
public sealed class SaleReportGrain([FromKeyedServices(SaleClock.Key)] TimeProvider clock) : Grain, ISaleReportGrain
{
    public async Task<SaleReport?> GetAsync(int orderOffset, int orderLimit)
    {
        var eventId = this.GetPrimaryKeyString();
        if (await GrainFactory.GetGrain<IEventGrain>(eventId).GetAsync() is not { } info)
        {
            return null;
        }

        var blocksTask = Task.WhenAll(info.Definition.Blocks.Select(b =>
            GrainFactory.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b.Id)).GetAuditAsync()));
        var errorsTask = GrainFactory.GetGrain<ISaleAuditGrain>(eventId).GetErrorsAsync();
        var inputs = await FetchQueueAndWaitlistAsync(eventId, Math.Max(orderOffset, 0), Math.Clamp(orderLimit, 1, ISaleReportGrain.MaxOrderPage));
        var blocks = await blocksTask;
        return SaleReportBuilder.Build(info, blocks, await errorsTask, inputs, clock.GetUtcNow());
    }

    /// <summary>The queue's live figures and its own audit (one page of its order), and the waitlist's audit.</summary>
    private async Task<SaleAuditInputs> FetchQueueAndWaitlistAsync(string eventId, int orderOffset, int orderLimit)
    {
        var queue = GrainFactory.GetGrain<IWaitingQueueGrain>(eventId);
        var now = queue.GetInfoAsync();
        var audit = queue.GetAuditAsync(orderOffset, orderLimit);
        var waitlist = GrainFactory.GetGrain<IWaitlistGrain>(eventId).GetAuditAsync();
        return new SaleAuditInputs(await now, await audit, await waitlist);
    }
}

/// <summary>What the report takes from the queue and the waitlist; either audit may be absent.</summary>
public sealed record SaleAuditInputs(QueueInfo? QueueNow, QueueAudit? Queue, WaitlistAudit? Waitlist);
