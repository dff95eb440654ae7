using System.Collections.Frozen;
using System.Globalization;

namespace Tiketi.Api.Events;

/// <summary>
/// A show time as the venue's clock reads it, with the weekday and the zone's label: "2027년 1월 3일 (일)
/// 오후 7:00 KST", "Sun, Jan 3, 2027, 7:00 PM KST". The pages do the same in the browser (format.js);
/// the ticket PDF and the calendar file are made here.
/// </summary>
public static class ZoneTime
{
    /// <summary>
    /// Labels people know for zones without summer time; others get their UTC offset ("UTC+09:00"), as the
    /// platform's own abbreviations are not the ones buyers read (Asia/Seoul has none).
    /// </summary>
    private static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Asia/Seoul"] = "KST",
        ["Asia/Tokyo"] = "JST",
        ["Asia/Hong_Kong"] = "HKT",
        ["Asia/Singapore"] = "SGT",
        ["Asia/Manila"] = "PHT",
        ["Asia/Jakarta"] = "WIB",
        ["Asia/Bangkok"] = "ICT",
        ["Asia/Kolkata"] = "IST",
        ["Etc/UTC"] = "UTC",
        ["UTC"] = "UTC",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Label(string timeZone, DateTimeOffset at)
    {
        if (Labels.TryGetValue(timeZone, out var label))
        {
            return label;
        }

        var offset = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone.GetUtcOffset(at) : TimeSpan.Zero;
        return $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }

    /// <summary>The instant on the venue's clock, in Korean or English (any language other than ko reads English).</summary>
    public static string Format(DateTimeOffset instant, string timeZone, string language)
    {
        var local = EventMapping.InZone(instant, timeZone);
        var korean = language.StartsWith("ko", StringComparison.OrdinalIgnoreCase);
        var culture = CultureInfo.GetCultureInfo(korean ? "ko-KR" : "en-US");
        var text = korean
            ? local.ToString("yyyy년 M월 d일 (ddd) tt h:mm", culture)
            : local.ToString("ddd, MMM d, yyyy, h:mm tt", culture);
        return $"{text} {Label(timeZone, instant)}";
    }
}
