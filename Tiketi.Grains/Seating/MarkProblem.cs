namespace Tiketi.Seating;

/// <summary>The lists of a row's <see cref="Events.SeatMarks"/>.</summary>
public enum MarkList
{
    AislesAfter,
    Blocked,
    Wheelchairs,
}

/// <summary>
/// What is wrong with a row's marks, and the entry it is about (<see cref="List"/> and its <see cref="Index"/>;
/// a null list: the row as a whole), so a form can point at the field the operator filled in.
/// </summary>
public sealed record MarkProblem(string Message, MarkList? List = null, int Index = -1);
