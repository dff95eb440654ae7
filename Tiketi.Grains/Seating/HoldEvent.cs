namespace Tiketi.Seating;

/// <summary>The kinds of hold event a block counts, in the order of <see cref="Audit.HoldCounts"/>.</summary>
public enum HoldEvent
{
    Placed = 0,
    Expired = 1,
    ReleasedByBuyer = 2,
    ReleasedByAdmin = 3,
    ReleasedOther = 4,
    Sold = 5,
    Returned = 6,
}
