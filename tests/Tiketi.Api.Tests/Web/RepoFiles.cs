namespace Tiketi.Api.Tests.Web;

/// <summary>Files of the repository the tests read (the error catalogue, docs, the pages' scripts).</summary>
public static class RepoFiles
{
    public static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tiketi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Tiketi.sln) is not above the test's folder.");
    });

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
