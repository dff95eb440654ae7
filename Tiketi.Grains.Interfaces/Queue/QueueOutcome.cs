namespace Tiketi.Queue;

/// <summary>How a buyer's place in the queue ended, as far as the queue knows (one byte per place).</summary>
public enum QueueOutcome
{
    Waiting = 0,
    Admitted = 1,
    Left = 2,

    /// <summary>Silent past the queue's limit: the place was freed.</summary>
    Dropped = 3,
}
