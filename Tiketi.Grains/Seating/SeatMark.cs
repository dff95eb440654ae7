namespace Tiketi.Seating;

/// <summary>What the layout says of one seat; most seats are <see cref="None"/>.</summary>
[Flags]
public enum SeatMark : byte
{
    None = 0,

    /// <summary>Never sold.</summary>
    Blocked = 1,

    Wheelchair = 2,

    Companion = 4,

    /// <summary>An aisle separates this seat from the next one in its row.</summary>
    AisleAfter = 8,

    NotPickable = Blocked | Wheelchair | Companion,
}
