using System.Globalization;
using System.Text;
using QRCoder;

namespace Tiketi.Api.Web;

/// <summary>One ticket's lines of text and its code, as the PDF prints them.</summary>
public sealed record TicketSheet(string Title, string Artist, string ShowTime, string Venue, string Section, string Seat, string Category, string Code, string OrderId);

/// <summary>
/// Tickets as a PDF, one A6 page each: the show, the section, row and seat, and the QR code drawn as
/// vector squares. Written by hand on purpose: titles and venues are Korean, and the PDF libraries on
/// offer (PDFsharp) must embed a font file for that, megabytes we would ship in every image and every
/// file. PDF's predefined Korean CID font (Adobe-Korea1 with the UniKS-UCS2-H encoding) needs no
/// embedding: readers draw it with the Korean font they have. Plain ASCII text uses Helvetica.
/// </summary>
public static class TicketPdf
{
    private const double Width = 297.64;
    private const double Height = 419.53;
    private const double Margin = 24;

    public static byte[] Render(IReadOnlyList<TicketSheet> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            string.Empty, // the page tree, once the pages are known
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /HYGoThic-Medium /Encoding /UniKS-UCS2-H /DescendantFonts [6 0 R] >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYGoThic-Medium /CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >> "
                + "/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
            "<< /Type /FontDescriptor /FontName /HYGoThic-Medium /Flags 6 /FontBBox [-6 -145 1003 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        };
        var pages = new List<int>();
        foreach (var ticket in tickets)
        {
            var content = PageContent(ticket);
            objects.Add($"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream");
            var contentId = objects.Count;
            objects.Add(string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Width} {Height}] /Contents {contentId} 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R /K1 5 0 R >> >> >>"));
            pages.Add(objects.Count);
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select(p => $"{p} 0 R"))}] /Count {pages.Count} >>";
        return Write(objects);
    }

    private static byte[] Write(List<string> objects)
    {
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Put(string text)
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            output.Write(bytes);
        }

        Put("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Put($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        Put(table.ToString());
        Put(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static string PageContent(TicketSheet ticket)
    {
        var page = new StringBuilder();
        var y = Height - Margin - 14;
        Text(page, "TIKETI", Margin, y, 14, bold: true);
        y -= 28;
        Text(page, ticket.Title, Margin, y, 15, bold: true);
        y -= 18;
        Text(page, ticket.Artist, Margin, y, 10);
        y -= 22;
        Text(page, ticket.ShowTime, Margin, y, 10);
        y -= 14;
        Text(page, ticket.Venue, Margin, y, 10);
        y -= 26;
        Text(page, ticket.Section, Margin, y, 12, bold: true);
        y -= 18;
        Text(page, ticket.Seat, Margin, y, 16, bold: true);
        y -= 16;
        Text(page, ticket.Category, Margin, y, 10);
        y -= 12;
        Qr(page, ticket.Code, Margin, y - 150, 150);
        Text(page, ticket.Code.Length > 48 ? ticket.Code[..48] + "..." : ticket.Code, Margin, y - 164, 6);
        Text(page, ticket.OrderId, Margin, y - 176, 7);
        return page.ToString();
    }

    private static void Text(StringBuilder page, string text, double x, double y, double size, bool bold = false)
    {
        var ascii = text.All(c => c is >= ' ' and <= '~');
        var font = ascii ? (bold ? "F2" : "F1") : "K1";
        var encoded = ascii
            ? "(" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal) + ")"
            : "<" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text.Where(c => !char.IsSurrogate(c)).ToArray())) + ">";
        page.Append(CultureInfo.InvariantCulture, $"BT /{font} {size:0.##} Tf {x:0.##} {y:0.##} Td {encoded} Tj ET\n");
    }

    /// <summary>The code's QR modules as filled squares (quiet zone included), size × size points at (x, y).</summary>
    private static void Qr(StringBuilder page, string code, double x, double y, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        page.Append("0 0 0 rg\n");
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var col = 0; col < matrix[row].Length; col++)
            {
                if (matrix[row][col])
                {
                    page.Append(CultureInfo.InvariantCulture, $"{x + (col * module):0.###} {y + size - ((row + 1) * module):0.###} {module:0.###} {module:0.###} re\n");
                }
            }
        }

        page.Append("f\n");
    }
}
