namespace Tiketi.Queue;

/// <summary>
/// The whole queue in one byte array, standing for every record before it in the journal: the header
/// (settings, schedule, sold-out flag, token bucket, head, epoch), every place (buyer, arrival, outcome
/// and its time), the sweeps' drop times, the admissions still remembered, the pre-queue and the draw.
/// About 20 bytes a place with GUID account ids. Last-seen times are not kept (see <see cref="SilenceSweep"/>).
/// </summary>
internal static class QueueSnapshot
{
    public const byte Format = 1;

    public static byte[] Write(QueueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (places, log, lottery) = (line.Places, line.AuditLog, line.Lottery);
        var w = new ByteWriter(64 + (places.Count * 24));
        w.Byte(Format);
        w.Time(log.Epoch);
        w.Json(line.Settings);
        w.Bool(line.Schedule is not null);
        if (line.Schedule is not null)
        {
            w.Json(line.Schedule);
        }

        w.Bool(line.SoldOut);
        var (tokens, lastTick) = line.Bucket;
        w.Double(tokens);
        w.Time(lastTick);
        w.UInt((ulong)line.AdmittedTotal);
        w.UInt((ulong)places.Head);

        w.UInt((ulong)log.DropTimes.Count);
        foreach (var time in log.DropTimes)
        {
            w.Time(time);
        }

        w.UInt((ulong)places.Count);
        var previousArrival = 0;
        for (var seq = 0; seq < places.Count; seq++)
        {
            var outcome = places.Outcome(seq);
            w.Buyer(places.Buyer(seq));
            w.Int((long)log.Arrival(seq) - previousArrival);
            previousArrival = log.Arrival(seq);
            w.Byte((byte)outcome);
            if (outcome is QueueOutcome.Admitted or QueueOutcome.Dropped)
            {
                w.Int(log.OutcomeAt(seq));
            }
        }

        var shoppers = line.Shoppers.All.ToList();
        w.UInt((ulong)shoppers.Count);
        foreach (var shopper in shoppers)
        {
            w.UInt((ulong)shopper.Seq);
            w.Time(shopper.PassExpiresAt);
            w.Time(shopper.IdleUntil);
            w.Bool(shopper.SlotFreed);
        }

        w.UInt((ulong)lottery.Entries);
        for (var i = 0; i < lottery.Entries; i++)
        {
            var buyer = lottery.BuyerAt(i);
            w.Bool(buyer is not null);
            if (buyer is not null)
            {
                w.Buyer(buyer);
            }

            w.Int(lottery.ArrivalAt(i));
        }

        w.Bool(lottery.DrawnAt is not null);
        if (lottery.DrawnAt is { } drawnAt)
        {
            w.Fixed64(lottery.Seed!.Value);
            w.Time(drawnAt);
            w.UInt((ulong)lottery.DrawStart);
            w.UInt((ulong)lottery.Drawn);
        }

        return w.ToArray();
    }

    public static QueueLine Read(ReadOnlySpan<byte> bytes, Func<ulong>? drawSeed = null)
    {
        var r = new ByteReader(bytes);
        var format = r.Byte();
        if (format != Format)
        {
            throw new InvalidDataException($"A queue snapshot has format {format}; this build reads {Format}.");
        }

        var epoch = r.Time();
        var settings = r.Json<QueueSettings>();
        var schedule = r.Bool() ? r.Json<QueueSchedule>() : null;
        var soldOut = r.Bool();
        var tokens = r.Double();
        var lastTick = r.Time();
        var admittedTotal = (long)r.UInt();
        var head = r.Count();
        var line = new QueueLine(drawSeed: drawSeed);
        line.Restore(settings, schedule, soldOut, tokens, lastTick, admittedTotal);
        line.ApplyEpoch(epoch);
        var (places, log) = (line.Places, line.AuditLog);
        var drops = r.Count();
        for (var i = 0; i < drops; i++)
        {
            log.RestoreDropTime(r.Time());
        }

        var count = r.Count();
        line.Reserve(count);
        var arrival = 0;
        for (var i = 0; i < count; i++)
        {
            var buyer = r.Buyer();
            arrival = checked((int)(arrival + r.Int()));
            var outcome = (QueueOutcome)r.Byte();
            var outcomeAt = outcome is QueueOutcome.Admitted or QueueOutcome.Dropped ? r.Int32() : QueueAuditLog.None;
            var seq = places.Append(buyer, outcome);
            log.Restored(arrival, outcome, outcomeAt);
            if (outcome == QueueOutcome.Waiting)
            {
                line.Silence.Add(seq, SilenceSweep.Unseen);
            }
        }

        places.Head = head;
        var shoppers = r.Count();
        for (var i = 0; i < shoppers; i++)
        {
            var seq = r.Count();
            var passExpiresAt = r.Time();
            var idleUntil = r.Time();
            var freed = r.Bool();
            line.Shoppers.Admit(places.Buyer(seq), seq, passExpiresAt, idleUntil, freed).RecordedIdleUntil = idleUntil;
        }

        var entries = r.Count();
        for (var i = 0; i < entries; i++)
        {
            var buyer = r.Bool() ? r.Buyer() : null;
            line.Lottery.Add(buyer, r.Int32(), SilenceSweep.Unseen);
        }

        if (r.Bool())
        {
            var seed = r.Fixed64();
            var at = r.Time();
            var start = r.Count();
            line.Lottery.RestoreDraw(seed, at, start, r.Count());
        }

        return line;
    }
}
