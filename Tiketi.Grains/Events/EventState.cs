namespace Tiketi.Events;

/// <summary>The persisted event. Block counts are not stored: blocks report them again on demand.</summary>
[GenerateSerializer, Alias("tiketi.EventState")]
public sealed class EventState
{
    [Id(0)] public EventDefinition? Definition { get; set; }

    [Id(1)] public EventStatus Status { get; set; }

    [Id(2)] public int Revision { get; set; }
}
