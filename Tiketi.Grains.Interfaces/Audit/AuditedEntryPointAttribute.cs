namespace Tiketi.Audit;

/// <summary>
/// Marks a grain method buyers reach directly (through the API or the load tool): its failed results are
/// counted in the sale's errors by code. Calls grains make to each other are not marked, so one refusal
/// is counted once, where the buyer heard it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AuditedEntryPointAttribute : Attribute;

/// <summary>A grain whose key is not its event's id says which event its calls belong to.</summary>
public interface IEventScoped
{
    /// <summary>The event this activation belongs to; null when it does not know yet (a new order).</summary>
    string? AuditEventId { get; }
}

/// <summary>
/// The answer of an audited entry point that answers many buyers at once (a coalesced batch): each failed
/// answer in it is counted, as if each buyer had called alone.
/// </summary>
public interface IAuditedAnswers
{
    /// <summary>The code of every failed answer, one per buyer refused.</summary>
    IEnumerable<string> FailureCodes { get; }
}
