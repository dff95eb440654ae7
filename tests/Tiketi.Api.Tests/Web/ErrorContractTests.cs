using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tiketi.Api.Errors;
using Tiketi.Common;

namespace Tiketi.Api.Tests.Web;

/// <summary>
/// One error-code contract: wwwroot/i18n/errors.json is what the server answers (status, title), what the
/// pages say (Korean and English) and what docs/errors.md lists. These fail when a code lacks a language,
/// the docs drift, or a page uses a code the catalogue does not know.
/// </summary>
public sealed partial class ErrorContractTests
{
    private static readonly Dictionary<string, JsonElement> Catalogue =
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(RepoFiles.Read("Tiketi.Api", "wwwroot", "i18n", "errors.json"))!;

    [Fact]
    public void EveryCodeTheServerDefines_IsInTheCatalogue_AndNothingElse()
    {
        var defined = typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(ApiErrors).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(code => CodePattern().IsMatch(code))
            .ToHashSet();

        Assert.Empty(defined.Except(Catalogue.Keys));
        Assert.Empty(Catalogue.Keys.Except(defined).Except(["ORD003"])); // ORD003: retired before release, kept so it is never reused
    }

    [Fact]
    public void EveryCode_HasKoreanAndEnglish_TitleAndMeaning()
    {
        var missing = Catalogue
            .SelectMany(kv => new[] { "en", "ko", "title", "meaning" }
                .Where(field => !kv.Value.TryGetProperty(field, out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
                .Select(field => $"{kv.Key}.{field}"))
            .ToList();
        Assert.Empty(missing);
        Assert.All(Catalogue, kv => Assert.Matches(HangulPattern(), kv.Value.GetProperty("ko").GetString()!));
    }

    [Fact]
    public void ServerCatalogue_AnswersWithTheFilesStatusAndTitle()
    {
        foreach (var (code, entry) in Catalogue.Where(kv => kv.Value.GetProperty("status").ValueKind == JsonValueKind.Number))
        {
            var (status, title) = ErrorCatalogue.Describe(code);
            Assert.Equal(entry.GetProperty("status").GetInt32(), status);
            Assert.Equal(entry.GetProperty("title").GetString(), title);
        }
    }

    [Fact]
    public void DocsErrorsMd_ListsEveryCodeWithItsMeaningAndStatus()
    {
        var rows = DocRow().Matches(RepoFiles.Read("docs", "errors.md"))
            .ToDictionary(m => m.Groups["code"].Value, m => (Meaning: m.Groups["meaning"].Value.Trim(), Status: m.Groups["status"].Value.Trim()));
        foreach (var (code, entry) in Catalogue)
        {
            Assert.True(rows.TryGetValue(code, out var row), $"docs/errors.md has no row for {code}.");
            Assert.Equal(entry.GetProperty("meaning").GetString(), row.Meaning);
            var status = entry.GetProperty("status");
            Assert.Equal(status.ValueKind == JsonValueKind.Number ? status.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty, row.Status);
        }

        Assert.Empty(rows.Keys.Except(Catalogue.Keys));
    }

    [Fact]
    public void Pages_UseOnlyCodesTheCatalogueKnows()
    {
        var web = RepoFiles.PathOf("Tiketi.Api", "wwwroot");
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => QuotedCode().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Code: m.Groups["code"].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var unknown = used.Where(u => !Catalogue.ContainsKey(u.Code)).Select(u => $"{u.File}: {u.Code}").ToList();
        Assert.True(unknown.Count == 0, $"Codes the catalogue does not know: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void LocaleFiles_HaveTheSameKeys_AndEveryKeyThePagesAskFor()
    {
        var en = JsonSerializer.Deserialize<Dictionary<string, string>>(RepoFiles.Read("Tiketi.Api", "wwwroot", "i18n", "en.json"))!;
        var ko = JsonSerializer.Deserialize<Dictionary<string, string>>(RepoFiles.Read("Tiketi.Api", "wwwroot", "i18n", "ko.json"))!;
        var notKorean = en.Keys.Except(ko.Keys).Where(k => !k.EndsWith(".one", StringComparison.Ordinal)).ToList();
        Assert.True(notKorean.Count == 0, $"Keys without Korean: {string.Join(", ", notKorean)}");
        Assert.Empty(ko.Keys.Except(en.Keys));

        var web = RepoFiles.PathOf("Tiketi.Api", "wwwroot");
        var asked = Directory.EnumerateFiles(Path.Combine(web, "js"), "*.js", SearchOption.AllDirectories)
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .Concat(Directory.EnumerateFiles(web, "*.html", SearchOption.AllDirectories)
                .SelectMany(f => HtmlKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value))))
            .ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(a => !en.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").ToList();
        Assert.True(missing.Count == 0, $"Keys missing from en.json: {string.Join(", ", missing)}");
    }

    [GeneratedRegex("^[A-Z]+[0-9]{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("[\\uAC00-\\uD7A3]")]
    private static partial Regex HangulPattern();

    [GeneratedRegex(@"^\| (?<code>[A-Z]+[0-9]{3}) \| (?<meaning>.*?) \|(?<status>[^|]*)\|$", RegexOptions.Multiline)]
    private static partial Regex DocRow();

    /// <summary>A code as a string literal in a page: 'RES001', "PAY001", `QUEUE003`.</summary>
    [GeneratedRegex(@"['""`](?<code>(?:RES|EVT|SALE|QUEUE|ORD|TKT|PAY|WAIT|AUTH|REQ|RATE|SYS|AUDIT)[0-9]{3})['""`]")]
    private static partial Regex QuotedCode();

    /// <summary>A text key asked for with a literal: t('event.soldOut'), tn('pick.total', ...).</summary>
    [GeneratedRegex(@"\btn?\(\s*'(?<key>[a-zA-Z]+\.[a-zA-Z0-9.]+)'")]
    private static partial Regex TextKey();

    [GeneratedRegex(@"data-i18n(?:-[a-z-]+)?=""(?<key>[a-zA-Z]+\.[a-zA-Z0-9.]+)""")]
    private static partial Regex HtmlKey();
}
