using Tiketi.Audit;

namespace Tiketi.Orders;

/// <summary>An order's key is its own id, so it names its event for the sale's errors by code.</summary>
public sealed partial class OrderGrain : IEventScoped
{
    public string? AuditEventId => Order?.EventId;
}
