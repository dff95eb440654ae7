namespace Tiketi.Api.Tests.Security;

/// <summary>A production host refuses to start with a missing, short or placeholder secret, and names the setting.</summary>
public sealed class ProductionSecretsTests
{
    public static TheoryData<string, string?> BadSecrets => new()
    {
        { "Auth:SigningKey", null },
        { "Auth:SigningKey", "too-short-key" },
        { "Auth:SigningKey", "admin123admin123admin123admin123admin123" },
        { "Auth:AdminPassword", null },
        { "Auth:AdminPassword", "admin123" },
        { "Sale:PassSigningKey", null },
        { "Sale:PassSigningKey", "short" },
        { "Sale:TicketSigningKey", "changeme" },
        { "ConnectionStrings:Tiketi", "Host=127.0.0.1;Database=tiketi;Username=tiketi;Password=secret" },
        { "Auth:SigningKey", "your-256-bit-secret-your-256-bit-secret" },
        { "Sale:PassSigningKey", "0123456789abcdef0123456789abcdef0123456789" },
        { "Sale:TicketSigningKey", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
        { "Auth:AdminPassword", "changeme-changeme-changeme" },
    };

    [Theory]
    [MemberData(nameof(BadSecrets))]
    public void Start_InProductionWithBadSecret_FailsNamingTheSetting(string key, string? value)
    {
        using var factory = new ProductionApiFactory();
        factory.Settings[key] = value;

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains(key.Split(' ')[0], messages, StringComparison.Ordinal);
        if (value is { Length: >= 12 })
        {
            Assert.DoesNotContain(value, messages, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_PaddedPlaceholderSigningKey_RefusedInEveryEnvironmentButDevelopment(string environment)
    {
        using var factory = new ProductionApiFactory { EnvironmentName = environment };
        factory.Settings["Auth:SigningKey"] = "your-256-bit-secret-your-256-bit-secret";

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains("Auth:SigningKey", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("your-256-bit-secret", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InProductionWithGoodSecrets_Serves()
    {
        using var factory = new ProductionApiFactory();

        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://tiketi.test") });

        Assert.NotNull(client);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
