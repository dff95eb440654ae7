using System.ComponentModel.DataAnnotations;

namespace Tiketi.Audit;

/// <summary>Settings of the on-sale audit, bound from the "Audit" configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How often a silo adds its in-memory error counts to the sale's audit grain: what a crash can lose.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan ErrorFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
