namespace Tiketi.Storage;

/// <summary>
/// A journal append or snapshot found its sequence number already taken: two activations of one grain
/// wrote. The writer that gets it must stop writing and deactivate; storage keeps the other's records.
/// Serializable, so it keeps its meaning if it crosses a grain boundary.
/// </summary>
[GenerateSerializer, Alias("tiketi.JournalConflictException")]
public sealed class JournalConflictException : Exception
{
    public JournalConflictException()
    {
    }

    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JournalConflictException(string journalId, long sequence)
        : base($"Journal '{journalId}' already has record {sequence}: another activation wrote it.")
    {
    }
}
