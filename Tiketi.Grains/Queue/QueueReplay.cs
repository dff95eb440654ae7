namespace Tiketi.Queue;

/// <summary>
/// Rebuilds a queue from its journal: the snapshot (if any), then every record after it, each event
/// applied through the same <c>Apply</c> methods the commands used. Nobody has been seen since, so
/// every waiting buyer's silence grace starts again at the first sweep.
/// </summary>
internal static class QueueReplay
{
    public static QueueLine Load(ReadOnlyMemory<byte>? snapshot, IEnumerable<ReadOnlyMemory<byte>> records, Func<ulong>? drawSeed = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var line = snapshot is { } bytes ? QueueSnapshot.Read(bytes.Span, drawSeed) : new QueueLine(drawSeed: drawSeed);
        var all = records as IReadOnlyCollection<ReadOnlyMemory<byte>> ?? [.. records];

        // A join takes about 19 bytes of record (more with longer ids): room for that many more places.
        line.Reserve(line.Places.Count + (int)Math.Min(all.Sum(r => (long)r.Length) / 19, int.MaxValue / 2));
        foreach (var record in all)
        {
            Apply(line, record.Span);
        }

        return line;
    }

    public static void Apply(QueueLine line, ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty)
        {
            return;
        }

        var reader = new ByteReader(record);
        var format = reader.Byte();
        if (format != QueueRecorder.Format)
        {
            throw new InvalidDataException($"A queue journal record has format {format}; this build reads {QueueRecorder.Format}.");
        }

        var previousArrival = 0;
        while (!reader.End)
        {
            var kind = (QueueEvent)reader.Byte();
            switch (kind)
            {
                case QueueEvent.Epoch:
                    line.ApplyEpoch(reader.Time());
                    break;
                case QueueEvent.Joined:
                case QueueEvent.PreJoined:
                    var buyer = reader.Buyer();
                    previousArrival = checked((int)(previousArrival + reader.Int()));
                    if (kind == QueueEvent.Joined)
                    {
                        line.ApplyJoined(buyer, previousArrival, SilenceSweep.Unseen);
                    }
                    else
                    {
                        line.ApplyPreJoined(buyer, previousArrival, SilenceSweep.Unseen);
                    }

                    break;
                case QueueEvent.PreLeft:
                    line.Lottery.RemoveAt(reader.Count());
                    break;
                case QueueEvent.Drawn:
                    var seed = reader.Fixed64();
                    line.ApplyDrawn(seed, reader.Time());
                    break;
                case QueueEvent.Left:
                    line.ApplyLeft(reader.Count());
                    break;
                case QueueEvent.ShopperLeft:
                    line.ApplyShopperLeft(reader.Count());
                    break;
                case QueueEvent.Completed:
                    line.ApplyCompleted(reader.Count());
                    break;
                case QueueEvent.Touched:
                    var touched = reader.Count();
                    line.ApplyTouched(touched, reader.Time());
                    break;
                case QueueEvent.Admitted:
                    var at = reader.Time();
                    var count = reader.Count();
                    line.ApplyAdmitted(at, count, reader.Double(), null);
                    break;
                case QueueEvent.Dropped:
                    var droppedAt = reader.Time();
                    var places = new int[reader.Count()];
                    for (int i = 0, previous = 0; i < places.Length; i++)
                    {
                        previous = places[i] = checked((int)(previous + reader.Int()));
                    }

                    line.ApplyDropped(droppedAt, places);
                    break;
                case QueueEvent.Configured:
                    line.ApplyConfigured(reader.Json<QueueSettings>());
                    break;
                case QueueEvent.Scheduled:
                    line.ApplyScheduled(reader.Bool() ? reader.Json<QueueSchedule>() : null);
                    break;
                case QueueEvent.SoldOut:
                    line.ApplySoldOut(reader.Bool());
                    break;
                default:
                    throw new InvalidDataException($"Unknown queue journal event {(byte)kind}.");
            }
        }
    }
}
