using System.Buffers;

namespace Tiketi.Silo.Observability;

/// <summary>
/// The correlation id of a request: taken from (or generated for) the <see cref="Header"/> header by the
/// API, carried into every grain call through Orleans' <c>RequestContext</c> under <see cref="RequestContextKey"/>,
/// and logged as <see cref="LogProperty"/> by the API and by every silo the request reaches.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";
    public const string RequestContextKey = "tiketi-cid";
    public const string LogProperty = "CorrelationId";
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    /// <summary>Only short, plain ids are taken from a client: anything else could forge or flood log lines.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The id of the request the current grain call belongs to, if any.</summary>
    public static string? Current => RequestContext.Get(RequestContextKey) as string;
}
