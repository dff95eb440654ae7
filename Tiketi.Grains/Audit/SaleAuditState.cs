namespace Tiketi.Audit;

/// <summary>Persisted error counts of one sale: code → minute → count.</summary>
[GenerateSerializer, Alias("tiketi.SaleAuditState")]
public sealed class SaleAuditState
{
    [Id(0)] public Dictionary<string, Dictionary<DateTimeOffset, long>> Errors { get; set; } = new(StringComparer.Ordinal);
}
