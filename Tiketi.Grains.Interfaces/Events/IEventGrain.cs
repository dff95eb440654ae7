using Tiketi.Common;

namespace Tiketi.Events;

/// <summary>One event (key: event id): its definition, its sale status and its summary counts.</summary>
public interface IEventGrain : IGrainWithStringKey
{
    /// <summary>Creates the event, or replaces its definition while it is still a draft.</summary>
    Task<Result<EventInfo>> DefineAsync(EventDefinition definition);

    Task<Result<EventInfo>> OpenSaleAsync();

    Task<Result<EventInfo>> CloseSaleAsync();

    /// <summary>Cancels the event: every hold is released and every paid order refunded.</summary>
    Task<Result<EventInfo>> CancelAsync();

    [ReadOnly]
    Task<EventInfo?> GetAsync();

    [ReadOnly]
    Task<EventSummary?> GetSummaryAsync();

    /// <summary>A block reports its counts; older versions than the last seen are ignored.</summary>
    [OneWay]
    Task ReportBlockCountsAsync(BlockCounts counts);
}
