namespace Tiketi.Seating;

/// <summary>The block's part of the waitlist (issue #10).</summary>
public sealed partial class SeatBlockState
{
    /// <summary>Categories the waitlist waits for: seats of these that come free are reserved for it.</summary>
    [Id(30)] public HashSet<string> WaitlistCategories { get; set; } = [];
}
