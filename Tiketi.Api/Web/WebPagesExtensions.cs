using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Tiketi.Api.Web;

/// <summary>
/// The buyer and operator pages in wwwroot: static files a CDN may cache. Pages revalidate on every
/// visit (cheap with their ETag), scripts and styles are kept for a few minutes.
/// </summary>
public static class WebPagesExtensions
{
    public const string PageCacheControl = "no-cache";
    public const string AssetCacheControl = "public, max-age=300, stale-while-revalidate=3600";

    public static WebApplication UseTiketiWebPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = types,
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] =
                context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? PageCacheControl : AssetCacheControl,
        });
        return app;
    }
}
