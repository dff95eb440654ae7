using System.Globalization;
using System.Text;
using Tiketi.Audit;

namespace Tiketi.Api.Audit;

/// <summary>
/// The on-sale audit as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted,
/// quotes doubled). One file, several tables: each starts with a "# name" line, then its header row, and
/// ends with an empty line, so a spreadsheet or a script can split it.
/// </summary>
public static class AuditCsv
{
    private static readonly string[] HoldColumns =
    [
        "capacity", "available", "held", "sold", "holds_placed", "seats_placed", "holds_expired", "seats_expired",
        "holds_released_by_buyer", "holds_released_by_admin", "holds_released_other", "holds_sold", "seats_sold",
        "holds_returned", "seats_returned", "hold_to_paid_conversion", "first_none_available_at", "sold_out_at", "seconds_to_sell_out",
    ];

    public static string Write(SaleReport report, int orderOffset, int orderLimit)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Table(csv, "sale", ["event_id", "title", "status", "sale_opens_at", "sale_closes_at", "generated_at", "capacity", "sold", "held", "available", "hold_to_paid_conversion"],
            [[Text(report.EventId), Text(report.Title), report.Status.ToString(), Time(report.SaleOpensAt), Time(report.SaleClosesAt), Time(report.GeneratedAt),
              Number(report.Total.Capacity), Number(report.Total.Sold), Number(report.Total.Held), Number(report.Total.Available), Ratio(report.Holds.Conversion)]]);
        Table(csv, "categories", ["category_id", "name", .. HoldColumns],
            report.Categories.Select(c => (string[])[Text(c.CategoryId), Text(c.Name), .. HoldRow(c.Now, c.Holds, c.FirstNoneAvailableAt, c.SoldOutAt, c.TimeToSellOut)]));
        Table(csv, "blocks", ["block_id", "name", .. HoldColumns],
            report.Blocks.Select(b => (string[])[Text(b.BlockId), Text(b.Name), .. HoldRow(b.Now, b.Holds, b.FirstNoneAvailableAt, b.SoldOutAt, b.TimeToSellOut)]));
        Table(csv, "errors", ["code", "count"], report.Errors.Select(e => (string[])[Text(e.Code), Number(e.Count)]));
        Table(csv, "errors_over_time", ["minute", "code", "count"], report.ErrorsOverTime.Select(e => (string[])[Time(e.Minute), Text(e.Code), Number(e.Count)]));
        if (report.QueueNow is { } now)
        {
            Table(csv, "queue_now", ["waiting", "active_shoppers", "admitted_total", "sold_out"],
                [[Number(now.Waiting), Number(now.Active), Number(now.AdmittedTotal), now.SoldOut ? "true" : "false"]]);
        }

        if (report.Queue is { } queue)
        {
            Table(csv, "queue", ["lottery", "shuffle_seed", "shuffled_at", "pre_queued", "arrivals", "admitted", "left", "dropped"],
                [[queue.Lottery ? "true" : "false", queue.ShuffleSeed?.ToString(CultureInfo.InvariantCulture) ?? "", Time(queue.ShuffledAt),
                  Number(queue.PreQueued), Number(queue.Arrivals), Number(queue.Admitted), Number(queue.Left), Number(queue.Dropped)]]);
            Table(csv, "queue_arrivals", ["at", "count"], queue.ArrivalsOverTime.Select(t => (string[])[Time(t.At), Number(t.Count)]));
            Table(csv, "queue_admissions", ["at", "count"], queue.AdmissionsOverTime.Select(t => (string[])[Time(t.At), Number(t.Count)]));
            Table(csv, string.Create(CultureInfo.InvariantCulture, $"queue_order offset={orderOffset} limit={orderLimit}"),
                ["sequence", "buyer_id", "arrived_at", "from_pre_queue", "outcome", "admitted_at"],
                queue.Order.Select(o => (string[])[Number(o.Sequence), Text(o.BuyerId), Time(o.ArrivedAt), o.FromPreQueue ? "true" : "false", o.Outcome.ToString(), Time(o.AdmittedAt)]));
        }

        if (report.Waitlist is { } waitlist)
        {
            Table(csv, "waitlist", ["joined", "waiting", "offers_made", "offers_taken", "offers_lapsed"],
                [[Number(waitlist.Joined), Number(waitlist.Waiting), Number(waitlist.OffersMade), Number(waitlist.OffersTaken), Number(waitlist.OffersLapsed)]]);
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string[] HoldRow(Tiketi.Events.InventoryCounts now, HoldCounts h, DateTimeOffset? first, DateTimeOffset? soldOut, TimeSpan? toSellOut) =>
    [
        Number(now.Capacity), Number(now.Available), Number(now.Held), Number(now.Sold), Number(h.Placed.Holds), Number(h.Placed.Seats),
        Number(h.Expired.Holds), Number(h.Expired.Seats), Number(h.ReleasedByBuyer.Holds), Number(h.ReleasedByAdmin.Holds), Number(h.ReleasedOther.Holds),
        Number(h.Sold.Holds), Number(h.Sold.Seats), Number(h.Returned.Holds), Number(h.Returned.Seats), Ratio(h.Conversion), Time(first), Time(soldOut),
        toSellOut is { } t ? t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : "",
    ];

    private static void Table(StringBuilder csv, string name, string[] header, IEnumerable<string[]> rows)
    {
        csv.Append("# ").Append(name).Append("\r\n");
        csv.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row).Append("\r\n");
        }

        csv.Append("\r\n");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
