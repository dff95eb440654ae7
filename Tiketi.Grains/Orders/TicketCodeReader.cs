using System.Buffers.Text;
using System.Text;

namespace Tiketi.Orders;

/// <summary>
/// Finds which order a scanned code claims to belong to, without the signing key: the order itself then
/// checks the code is exactly one it issued, so a forged code gets nowhere.
/// </summary>
public static class TicketCodeReader
{
    public static (string EventId, string OrderId)? Claims(string? code)
    {
        var dot = code?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || code!.Length > 1024)
        {
            return null;
        }

        try
        {
            var fields = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code.AsSpan(0, dot))).Split('|');
            if (fields is not ["t1", var ticketId, var eventId, _, _])
            {
                return null;
            }

            var dash = ticketId.LastIndexOf('-');
            return dash > 0 ? (eventId, ticketId[..dash]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
