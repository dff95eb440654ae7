using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>
/// A queue as its next activation sees it, through a journal kept here: the records every activation
/// handed over so far, or a snapshot taken now. Successive reloads keep building on the same journal.
/// </summary>
internal static class Reloaded
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<QueueLine, List<byte[]>> Journals = new();

    /// <summary>Replays every record written so far into a fresh queue.</summary>
    public static QueueLine FromRecords(QueueLine line, Func<ulong>? drawSeed = null)
    {
        var records = Journals.GetValue(line, _ => []);
        records.Add(line.Changes.Take());
        var reloaded = QueueReplay.Load(null, [.. records.Select(r => (ReadOnlyMemory<byte>)r)], drawSeed);
        Journals.Add(reloaded, [.. records]);
        return reloaded;
    }

    /// <summary>Reads the queue back from a snapshot of it.</summary>
    public static QueueLine FromSnapshot(QueueLine line, Func<ulong>? drawSeed = null)
    {
        var snapshot = QueueSnapshot.Write(line);
        line.Changes.Take();
        return QueueReplay.Load(snapshot, [], drawSeed);
    }

    /// <summary>Either way, by name (for theories).</summary>
    public static QueueLine By(string how, QueueLine line, Func<ulong>? drawSeed = null) =>
        how == "snapshot" ? FromSnapshot(line, drawSeed) : FromRecords(line, drawSeed);
}
