using System.Net;
using Tiketi.Api.Accounts;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>ASVS 2.1.1, 2.1.7, 2.1.9: at least 12 characters, any characters, and not a breached password.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordPolicyTests(TiketiApiFactory factory)
{
    [Theory]
    [InlineData("qwertyuiop12")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("PasswordPassword")]
    public async Task Register_BreachedPasswordOfTwelveOrMore_RefusedNamingThePassword(string breached)
    {
        var (status, problem) = await AuthApi.RegisterAsync(factory.CreateClient(), AuthApi.FreshEmail(), breached);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", AuthApi.Code(problem));
        Assert.Contains("breached", problem["errors"]!["password"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ElevenCharacters_RefusedAndTwelveWithoutCompositionAccepted()
    {
        var http = factory.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await AuthApi.RegisterAsync(http, AuthApi.FreshEmail(), "zebrafinchy")).Status);
        Assert.Equal(HttpStatusCode.Created, (await AuthApi.RegisterAsync(http, AuthApi.FreshEmail(), "zebrafinchyx")).Status);
        Assert.Equal(HttpStatusCode.Created, (await AuthApi.RegisterAsync(http, AuthApi.FreshEmail(), "별이 빛나는 밤에 티켓을")).Status);
    }

    [Fact]
    public void BreachedList_CoversEveryLengthTheRulesAllow()
    {
        Assert.True(BreachedPasswords.Count > 10_000, $"only {BreachedPasswords.Count} entries");
        Assert.True(PasswordRules.MinLength >= BreachedPasswords.ShortestEntry,
            "Passwords shorter than the list's shortest entry would be allowed without a breach check: rebuild the list (Accounts/BreachedPasswords).");
    }
}
