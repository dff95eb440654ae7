using System.Collections.Frozen;
using System.IO.Compression;

namespace Tiketi.Api.Accounts;

/// <summary>
/// Passwords known from breaches (Accounts/BreachedPasswords/README.md says where the list comes from and
/// under which licence). Loaded once, lazily, into a frozen set of lower-cased entries; a check is one lookup.
/// </summary>
public static class BreachedPasswords
{
    public const string ResourceName = "Tiketi.Api.BreachedPasswords.gz";

    private static readonly Lazy<FrozenSet<string>> Entries = new(Load);

    /// <summary>How many entries the list holds.</summary>
    public static int Count => Entries.Value.Count;

    /// <summary>The shortest entry kept (entries shorter than the minimum password length are left out).</summary>
    public static int ShortestEntry => Entries.Value.Min(e => e.Length);

    public static bool Contains(string password) =>
        !string.IsNullOrEmpty(password) && Entries.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(BreachedPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The breached password list ({ResourceName}) is not embedded.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var entries = new List<string>(16_384);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                entries.Add(line);
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
