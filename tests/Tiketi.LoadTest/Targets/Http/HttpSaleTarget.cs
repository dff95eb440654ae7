using Tiketi.LoadTest.Cli;

namespace Tiketi.LoadTest.Targets.Http;

public sealed class HttpSaleTarget
{
    public static Task<ISaleTarget> ConnectAsync(TargetOptions options, CancellationToken cancellationToken) =>
        throw new UsageException("http is not built yet.");
}
