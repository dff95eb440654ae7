namespace Tiketi.LoadTest.Cli;

/// <summary>
/// How a run ends, for scripts and CI. A broken invariant has its own code, distinct from a missed
/// threshold: the first is a bug in the sale engine, the second a performance goal not met.
/// </summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int ThresholdFailed = 1;
    public const int Usage = 2;
    public const int InvariantViolated = 3;
    public const int RunFailed = 4;
}
