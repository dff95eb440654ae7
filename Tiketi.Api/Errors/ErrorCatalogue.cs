using System.Collections.Frozen;
using System.Text.Json;

namespace Tiketi.Api.Errors;

/// <summary>
/// The HTTP status and title of every code: one table, so a code always answers the same way. The table
/// is wwwroot/i18n/errors.json, embedded in this assembly: the same file gives the pages their Korean
/// and English messages and docs/errors.md its rows (a test keeps the three in step).
/// </summary>
public static class ErrorCatalogue
{
    public const string ResourceName = "Tiketi.Api.errors.json";

    private static readonly FrozenDictionary<string, ErrorEntry> Entries = Load();

    public static IEnumerable<string> Codes => Entries.Keys;

    public static (int Status, string Title) Describe(string code) =>
        Entries.TryGetValue(code, out var entry) && entry.Status is { } status ? (status, entry.Title) : (500, "Unexpected error");

    /// <summary>Codes, their status, title, meaning and messages, as the embedded catalogue has them.</summary>
    public static IReadOnlyDictionary<string, ErrorEntry> All => Entries;

    private static FrozenDictionary<string, ErrorEntry> Load()
    {
        using var stream = typeof(ErrorCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The error catalogue {ResourceName} is not embedded in {typeof(ErrorCatalogue).Assembly.GetName().Name}.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, ErrorEntry>>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The error catalogue is empty.");
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>One code of the catalogue; <see cref="Status"/> is null for a code retired before it was ever answered.</summary>
public sealed record ErrorEntry(int? Status, string Title, string Meaning, string En, string Ko);
