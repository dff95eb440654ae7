namespace Tiketi.Web.Tests;

/// <summary>Where screenshots go and where axe-core is: found from the test project's folder.</summary>
public static class Artifacts
{
    private static readonly Lazy<string> ProjectDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tiketi.Web.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    });

    /// <summary>The test project's folder (its package.json, tsconfig.json, eslint.config.mjs, node_modules).</summary>
    public static string ProjectPath => ProjectDirectory.Value;

    /// <summary>TestResults/screenshots beside the project (override with TIKETI_SCREENSHOTS).</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("TIKETI_SCREENSHOTS") ?? Path.Combine(ProjectDirectory.Value, "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string AxePath
    {
        get
        {
            var path = Path.Combine(ProjectDirectory.Value, "node_modules", "axe-core", "axe.min.js");
            return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is missing: build the test project (it runs npm ci).", path);
        }
    }
}
