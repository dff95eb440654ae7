using System.Diagnostics.Metrics;

namespace Tiketi.Observability;

/// <summary>
/// The business metrics, recorded on the .NET meter <see cref="MeterName"/>. Grains record here and
/// know nothing of Prometheus; each host exports the meter (see <see cref="Definitions"/>). Instrument
/// names are the exported Prometheus names, so a dashboard query and the code use the same word.
/// </summary>
public sealed class TiketiMetrics : IDisposable
{
    public const string MeterName = "Tiketi";

    public const string TicketsSoldName = "tiketi_tickets_sold_total";
    public const string QueueSizeName = "tiketi_queue_size";
    public const string QueueAdmittedName = "tiketi_queue_admitted_total";
    public const string HoldsActiveName = "tiketi_holds_active";
    public const string HoldsExpiredName = "tiketi_holds_expired_total";
    public const string WebSocketConnectionsName = "tiketi_websocket_connections";
    public const string ReservationDurationName = "tiketi_reservation_duration_seconds";
    public const string CheckoutsName = "tiketi_checkouts_total";
    public const string PrewarmInstancesName = "tiketi_prewarm_instances";
    public const string ClientRetriesName = "tiketi_client_retries_total";
    public const string ClientRetriesExhaustedName = "tiketi_client_retries_exhausted_total";

    /// <summary>Hold → paid, in seconds: most buyers pay within the 7-minute hold; a few minutes is the interesting part.</summary>
    public static readonly IReadOnlyList<double> ReservationBuckets = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900];

    /// <summary>Every business metric TIKETI exports, with its Prometheus type and labels.</summary>
    public static readonly IReadOnlyList<MetricDefinition> Definitions =
    [
        new(TicketsSoldName, MetricKind.Counter, "Tickets sold (orders paid), by event and price category.", ["event_id", "category"]),
        new(QueueSizeName, MetricKind.Gauge, "Buyers waiting in an event's queue, published by the queue grain every period.", ["event_id"], FromMeter: false),
        new(QueueAdmittedName, MetricKind.Counter, "Buyers admitted from the waiting queue into the sale.", ["event_id"]),
        new(HoldsActiveName, MetricKind.Gauge, "Holds currently active (seats held, not yet paid, released or expired).", ["event_id"]),
        new(HoldsExpiredName, MetricKind.Counter, "Holds that ran out before payment.", ["event_id"]),
        new(WebSocketConnectionsName, MetricKind.Gauge, "Live SignalR connections on this API host.", ["transport"]),
        new(ReservationDurationName, MetricKind.Histogram, "Time from hold to paid order, in seconds.", ["event_id"], ReservationBuckets),
        new(CheckoutsName, MetricKind.Counter, "Checkout attempts by outcome (paid, already_paid, declined, payment_timeout, hold_expired, ...).", ["event_id", "outcome"]),
        new(PrewarmInstancesName, MetricKind.Gauge, "Instances the sales opening soon ask for (the pre-warm floor of the scaling policy).", [], FromMeter: false),
        new(ClientRetriesName, MetricKind.Counter, "Retry-safe grain calls this client sent again after a transient failure, by method and failure.", ["operation", "reason"]),
        new(ClientRetriesExhaustedName, MetricKind.Counter, "Retry-safe grain calls still failing when their retry budget ran out (the caller saw it), by method and failure.", ["operation", "reason"]),
    ];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _ticketsSold;
    private readonly Counter<long> _queueAdmitted;
    private readonly UpDownCounter<long> _holdsActive;
    private readonly Counter<long> _holdsExpired;
    private readonly UpDownCounter<long> _webSockets;
    private readonly Histogram<double> _reservation;
    private readonly Counter<long> _checkouts;
    private readonly Counter<long> _clientRetries;
    private readonly Counter<long> _clientRetriesExhausted;

    public TiketiMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ticketsSold = _meter.CreateCounter<long>(TicketsSoldName, "{ticket}", Describe(TicketsSoldName));
        _queueAdmitted = _meter.CreateCounter<long>(QueueAdmittedName, "{buyer}", Describe(QueueAdmittedName));
        _holdsActive = _meter.CreateUpDownCounter<long>(HoldsActiveName, "{hold}", Describe(HoldsActiveName));
        _holdsExpired = _meter.CreateCounter<long>(HoldsExpiredName, "{hold}", Describe(HoldsExpiredName));
        _webSockets = _meter.CreateUpDownCounter<long>(WebSocketConnectionsName, "{connection}", Describe(WebSocketConnectionsName));
        _reservation = _meter.CreateHistogram(ReservationDurationName, "s", Describe(ReservationDurationName),
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReservationBuckets });
        _checkouts = _meter.CreateCounter<long>(CheckoutsName, "{checkout}", Describe(CheckoutsName));
        _clientRetries = _meter.CreateCounter<long>(ClientRetriesName, "{call}", Describe(ClientRetriesName));
        _clientRetriesExhausted = _meter.CreateCounter<long>(ClientRetriesExhaustedName, "{call}", Describe(ClientRetriesExhaustedName));
    }

    /// <summary>The meter the instruments live on; an exporter listens to exactly this instance.</summary>
    public Meter Meter => _meter;

    public void TicketsSold(string eventId, string category, int quantity) =>
        _ticketsSold.Add(quantity, Tag("event_id", eventId), Tag("category", category));

    public void QueueAdmitted(string eventId, int count)
    {
        if (count > 0)
        {
            _queueAdmitted.Add(count, Tag("event_id", eventId));
        }
    }

    public void HoldsActiveChanged(string eventId, int delta)
    {
        if (delta != 0)
        {
            _holdsActive.Add(delta, Tag("event_id", eventId));
        }
    }

    public void HoldsExpired(string eventId, int count)
    {
        if (count > 0)
        {
            _holdsExpired.Add(count, Tag("event_id", eventId));
        }
    }

    public void WebSocketConnectionsChanged(string transport, int delta) =>
        _webSockets.Add(delta, Tag("transport", transport));

    public void ReservationCompleted(string eventId, TimeSpan holdToPaid) =>
        _reservation.Record(Math.Max(holdToPaid.TotalSeconds, 0), Tag("event_id", eventId));

    public void Checkout(string eventId, string outcome) =>
        _checkouts.Add(1, Tag("event_id", eventId), Tag("outcome", outcome));

    public void ClientRetried(string operation, string reason) =>
        _clientRetries.Add(1, Tag("operation", operation), Tag("reason", reason));

    public void ClientRetriesExhausted(string operation, string reason) =>
        _clientRetriesExhausted.Add(1, Tag("operation", operation), Tag("reason", reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string Describe(string name) => Definitions.First(d => d.Name == name).Help;

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}

public enum MetricKind
{
    Counter = 0,
    Gauge = 1,
    Histogram = 2,
}

/// <summary>One exported metric: its Prometheus name, type, help text, label names and (histograms) buckets.</summary>
/// <param name="FromMeter">False for the gauges a host sets directly (queue length, pre-warm floor) rather than through the meter.</param>
public sealed record MetricDefinition(
    string Name, MetricKind Kind, string Help, IReadOnlyList<string> Labels, IReadOnlyList<double>? Buckets = null, bool FromMeter = true);
