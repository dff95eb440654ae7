using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Tiketi.Api.Security;

namespace Tiketi.Api.Web;

/// <summary>
/// The API reference at /scalar starts itself with one inline module script, which the site's CSP
/// (script-src 'self') blocks, leaving a blank page. Its HTML page (a few hundred bytes) is read here and
/// served under a policy that allows exactly that script by its SHA-256 hash; its own files stay 'self'.
/// Scalar inserts its styles at run time, so only this page's style-src allows inline styles.
/// </summary>
public static partial class ScalarContentSecurity
{
    public const string Path = "/scalar";

    public static IApplicationBuilder UseScalarContentSecurity(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments(Path) || System.IO.Path.HasExtension(path.Value))
            {
                await next(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    context.Items[SecurityHeaders.PolicyOverrideKey] = PolicyFor(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }
            }
            finally
            {
                context.Response.Body = original;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });

    /// <summary>The page's policy: its inline scripts by hash, nothing else inline but styles.</summary>
    public static string PolicyFor(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'");
        return $"default-src 'self'; script-src 'self' {string.Join(' ', hashes)}; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc\\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
