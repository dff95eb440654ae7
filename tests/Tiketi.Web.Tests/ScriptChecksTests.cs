using System.Diagnostics;

namespace Tiketi.Web.Tests;

/// <summary>
/// The pages' JavaScript is type-checked (// @ts-check with JSDoc types, `tsc --noEmit` over
/// tsconfig.json) and linted (ESLint, eslint.config.mjs): any error fails the build's tests. The tools come
/// from npm with axe-core (package.json beside this file; the test build runs `npm ci`).
/// </summary>
public sealed class ScriptChecksTests
{
    [Fact]
    public async Task PagesScripts_TypeCheck_WithoutErrors()
    {
        var (code, output) = await NodeAsync(Artifacts.ProjectPath, Path.Combine("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--pretty", "false");
        Assert.True(code == 0, $"tsc found errors in the pages' scripts:\n{output}");
    }

    [Fact]
    public async Task PagesScripts_Lint_WithoutProblems()
    {
        var root = Path.GetFullPath(Path.Combine(Artifacts.ProjectPath, "..", ".."));
        var (code, output) = await NodeAsync(root, Path.Combine(Artifacts.ProjectPath, "node_modules", "eslint", "bin", "eslint.js"),
            "-c", Path.Combine(Artifacts.ProjectPath, "eslint.config.mjs"), "--max-warnings", "0", Path.Combine("Tiketi.Api", "wwwroot", "js"));
        Assert.True(code == 0, $"ESLint found problems in the pages' scripts:\n{output}");
    }

    private static async Task<(int Code, string Output)> NodeAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started: install Node.js (the CI script does).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
