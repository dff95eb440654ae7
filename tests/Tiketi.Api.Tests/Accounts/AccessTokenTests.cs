using System.Net;
using Microsoft.IdentityModel.Tokens;
using static Tiketi.Api.Tests.Accounts.AuthApi;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>Only genuine, current HS256 tokens of our issuer for our audience get in.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessTokenTests(TiketiApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Me_WithoutToken_Is401Auth001()
    {
        var (status, problem) = await GetAsync(_http, "/api/auth/me", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH001", Code(problem));
    }

    [Fact]
    public async Task Me_WithMintedGenuineToken_Succeeds()
    {
        var (accountId, _) = await NewSignedInAsync(_http);

        var (status, me) = await GetAsync(_http, "/api/auth/me", Mint(accountId));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(accountId, Str(me, "id"));
    }

    [Fact]
    public async Task Me_WithExpiredToken_Is401Auth002()
    {
        var token = Mint(Guid.NewGuid().ToString("N"), expires: DateTimeOffset.UtcNow.AddMinutes(-2));

        var (status, problem) = await GetAsync(_http, "/api/auth/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH002", Code(problem));
    }

    [Fact]
    public async Task AdminEndpoint_WithPayloadTamperedToAdmin_Is401Auth002()
    {
        var (_, tokens) = await NewSignedInAsync(_http);

        var (status, problem) = await GetAsync(_http, "/api/admin/events", Tampered(Str(tokens, "accessToken")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH002", Code(problem));
    }

    [Fact]
    public async Task Me_WithAlgNoneToken_Is401Auth002()
    {
        var (status, problem) = await GetAsync(_http, "/api/auth/me", WithoutSignature(Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH002", Code(problem));
    }

    [Theory]
    [InlineData("key")]
    [InlineData("issuer")]
    [InlineData("audience")]
    [InlineData("algorithm")]
    [InlineData("garbage")]
    public async Task Me_WithTokenWrongInOnePart_Is401Auth002(string wrong)
    {
        var subject = Guid.NewGuid().ToString("N");
        var token = wrong switch
        {
            "key" => Mint(subject, signingKey: "another-signing-key-0123456789abcdef-0123456789"),
            "issuer" => Mint(subject, issuer: "someone-else"),
            "audience" => Mint(subject, audience: "another-app"),
            "algorithm" => Mint(subject, algorithm: SecurityAlgorithms.HmacSha384),
            _ => "not.a.token",
        };

        var (status, problem) = await GetAsync(_http, "/api/auth/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH002", Code(problem));
    }
}
