using Microsoft.Extensions.Hosting;
using Tiketi.Silo.Hosting;

namespace Tiketi.Silo;

/// <summary>The silo process: one member of a PostgreSQL-clustered TIKETI cluster.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddTiketiSilo();
        using var host = builder.Build();
        await host.RunAsync();
    }
}
