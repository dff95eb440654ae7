using Tiketi.LoadTest.Cli;

namespace Tiketi.LoadTest.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_RepeatedAndEqualsOptions_KeepsEveryValue()
    {
        var line = CommandLine.Parse(["rush", "--threshold", "p95<5ms", "--threshold=errors<1%", "--seats", "2_000", "--quiet"]);

        Assert.Equal("rush", line.Scenario);
        Assert.Equal(["p95<5ms", "errors<1%"], line.All("threshold"));
        Assert.Equal(2000, line.Count("seats", 0));
        Assert.True(line.Flag("quiet"));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("250", 250)]
    public void ParseDuration_Units_InMilliseconds(string text, double ms) =>
        Assert.Equal(ms, CommandLine.ParseDuration(text).TotalMilliseconds);

    [Fact]
    public void RejectUnknown_ATypo_IsAUsageError()
    {
        var line = CommandLine.Parse(["rush", "--seatz", "10"]);
        line.Count("seats", 1);

        Assert.Throws<UsageException>(line.RejectUnknown);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsWithUsageCode()
    {
        var output = new StringWriter();

        var code = await LoadTestApp.RunAsync(["rush", "--target", "inproc", "--no-such-option", "1"], output, TextWriter.Null);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--no-such-option", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--queue-mode", "random", "--queue-mode is fifo or lottery")]
    [InlineData("--opens-in", "45m", "--opens-in is between 0 and 30m")]
    [InlineData("--opens-in", "0s", "--opens-in is between 0 and 30m")]
    public async Task Run_BadLotteryOption_ExitsWithUsageCodeAndSaysWhy(string option, string value, string message)
    {
        var output = new StringWriter();
        string[] args = option == "--queue-mode"
            ? ["rush", "--target", "inproc", option, value]
            : ["rush", "--target", "inproc", "--queue-mode", "lottery", option, value];

        var code = await LoadTestApp.RunAsync(args, output, TextWriter.Null);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadThreshold_ExitsWithUsageCode()
    {
        var code = await LoadTestApp.RunAsync(["rush", "--threshold", "p95 is fine"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(ExitCodes.Usage, code);
    }
}
