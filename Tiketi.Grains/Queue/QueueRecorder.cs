namespace Tiketi.Queue;

/// <summary>
/// Collects the queue's changes since the last write as one journal record (see <see cref="QueueEvent"/>).
/// A join costs its buyer id plus two or three bytes; everything else is a few bytes, except settings.
/// </summary>
internal sealed class QueueRecorder
{
    /// <summary>The first byte of every record: the format, so a later build can read older records.</summary>
    public const byte Format = 1;

    private readonly ByteWriter _writer = new(4_096);
    private int _previousArrival;

    /// <summary>Bytes of changes other than joins since the last take: what a snapshot would compact away.</summary>
    public int ChurnBytes { get; private set; }

    public bool HasChanges => _writer.Length > 0;

    /// <summary>The record so far (empty when nothing changed), and a fresh start.</summary>
    public byte[] Take()
    {
        var record = _writer.ToArray();
        _writer.Clear();
        _previousArrival = 0;
        ChurnBytes = 0;
        return record;
    }

    public void Epoch(DateTimeOffset epoch) => Churn(QueueEvent.Epoch, w => w.Time(epoch));

    public void Joined(string buyerId, int arrived) => Arrival(QueueEvent.Joined, buyerId, arrived);

    public void PreJoined(string buyerId, int arrived) => Arrival(QueueEvent.PreJoined, buyerId, arrived);

    public void PreLeft(int index) => Churn(QueueEvent.PreLeft, w => w.UInt((ulong)index));

    public void Drawn(ulong seed, DateTimeOffset at) => Churn(QueueEvent.Drawn, w =>
    {
        w.Fixed64(seed);
        w.Time(at);
    });

    public void Left(int seq) => Churn(QueueEvent.Left, w => w.UInt((ulong)seq));

    public void ShopperLeft(int seq) => Churn(QueueEvent.ShopperLeft, w => w.UInt((ulong)seq));

    public void Completed(int seq) => Churn(QueueEvent.Completed, w => w.UInt((ulong)seq));

    public void Touched(int seq, DateTimeOffset idleUntil) => Churn(QueueEvent.Touched, w =>
    {
        w.UInt((ulong)seq);
        w.Time(idleUntil);
    });

    public void Admitted(DateTimeOffset at, int count, double tokensAfter) => Churn(QueueEvent.Admitted, w =>
    {
        w.Time(at);
        w.UInt((ulong)count);
        w.Double(tokensAfter);
    });

    public void Dropped(DateTimeOffset at, IReadOnlyList<int> places) => Churn(QueueEvent.Dropped, w =>
    {
        w.Time(at);
        w.UInt((ulong)places.Count);
        var previous = 0;
        foreach (var seq in places)
        {
            w.Int(seq - previous);
            previous = seq;
        }
    });

    public void Configured(QueueSettings settings) => Churn(QueueEvent.Configured, w => w.Json(settings));

    public void Scheduled(QueueSchedule? schedule) => Churn(QueueEvent.Scheduled, w =>
    {
        w.Bool(schedule is not null);
        if (schedule is not null)
        {
            w.Json(schedule);
        }
    });

    public void SoldOut(bool soldOut) => Churn(QueueEvent.SoldOut, w => w.Bool(soldOut));

    private void Arrival(QueueEvent kind, string buyerId, int arrived)
    {
        Start(kind);
        _writer.Buyer(buyerId);
        _writer.Int((long)arrived - _previousArrival);
        _previousArrival = arrived;
    }

    private void Churn(QueueEvent kind, Action<ByteWriter> fields)
    {
        var before = _writer.Length;
        Start(kind);
        fields(_writer);
        ChurnBytes += _writer.Length - before;
    }

    private void Start(QueueEvent kind)
    {
        if (_writer.Length == 0)
        {
            _writer.Byte(Format);
        }

        _writer.Byte((byte)kind);
    }
}
