using System.ComponentModel.DataAnnotations;

namespace Tiketi.Common;

/// <summary>Settings of the sale engine, bound from the "Sale" configuration section.</summary>
public sealed class SaleOptions
{
    public const string Section = "Sale";

    /// <summary>HMAC key of queue passes; at least 32 bytes.</summary>
    [Required, MinLength(32)]
    public string PassSigningKey { get; set; } = "";

    /// <summary>HMAC key of ticket codes; at least 32 bytes.</summary>
    [Required, MinLength(32)]
    public string TicketSigningKey { get; set; } = "";

    /// <summary>How often a block with holds looks for expired ones (the live case; activation covers the rest).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a block reports its counts to its event at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan CountsReportInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the waiting queue admits the next buyers; at most a second, so the rate holds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan AdmissionTick { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long checkout waits for the payment gateway before answering "timed out".</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a sale's checkout ledger asks the orders whose checkout stayed open (silo crash, lost
    /// gateway answer) to settle: an open checkout is asked on the first tick after the one that first
    /// saw it, so within two periods. Also the ledger's reminder period, so at least Orleans' minimum
    /// reminder period (one minute by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PaymentSettleInterval { get; set; } = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultEventCacheRefresh = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a silo serves an event on sale from its cache before renewing it in the background
    /// (<see cref="Events.EventCache"/>); an entry is never served older than four times this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan EventCacheRefresh { get; set; } = DefaultEventCacheRefresh;

    /// <summary>Buyers may cancel a paid order until this long before the show starts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RefundCutoff { get; set; } = TimeSpan.FromHours(24);
}
