using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.Common;

/// <summary>
/// The clock of the sale rules (hold expiry, passes, admission). It is a keyed <see cref="TimeProvider"/>
/// rather than the silo's own, so tests can move sale time by hand without stopping Orleans' clocks.
/// </summary>
public static class SaleClock
{
    public const string Key = "tiketi-sale-clock";

    public static IServiceCollection AddSaleClock(this IServiceCollection services, TimeProvider clock) =>
        services.AddKeyedSingleton(Key, clock);
}
