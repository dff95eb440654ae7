namespace Tiketi.Observability.Tests;

/// <summary>Files of the repository the tests check (deploy configs, dashboards, committed charts).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tiketi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tiketi.sln not found above the test output folder.");
    }
}
