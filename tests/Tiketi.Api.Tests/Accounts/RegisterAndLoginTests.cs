using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using static Tiketi.Api.Tests.Accounts.AuthApi;

namespace Tiketi.Api.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class RegisterAndLoginTests(TiketiApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Register_ThenLoginAndMe_ReturnsTheSameAccount()
    {
        var email = FreshEmail();

        var (registered, account) = await RegisterAsync(_http, email, displayName: "Ann Buyer");
        var (loggedIn, tokens) = await LoginAsync(_http, email);
        var (meStatus, me) = await GetAsync(_http, "/api/auth/me", Str(tokens, "accessToken"));

        Assert.Equal(HttpStatusCode.Created, registered);
        Assert.Equal(email, Str(account, "email"));
        Assert.Equal("Ann Buyer", Str(account, "displayName"));
        Assert.Equal("user", Str(account, "role"));
        Assert.Equal(32, Str(account, "id").Length);
        Assert.Equal(HttpStatusCode.OK, loggedIn);
        Assert.Equal("Bearer", Str(tokens, "tokenType"));
        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal(Str(account, "id"), Str(me, "id"));
        Assert.Equal(email, Str(me, "email"));
    }

    [Fact]
    public async Task Login_ValidCredentials_IssuesTokensWithTheAgreedClaimsAndLifetimes()
    {
        var (accountId, tokens) = await NewSignedInAsync(_http);

        var token = new JsonWebToken(Str(tokens, "accessToken"));
        var accessExpires = DateTimeOffset.Parse(Str(tokens, "accessTokenExpiresAt"), System.Globalization.CultureInfo.InvariantCulture);
        var refreshExpires = DateTimeOffset.Parse(Str(tokens, "refreshTokenExpiresAt"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(accountId, token.Subject);
        Assert.Equal("user", token.GetClaim("role").Value);
        Assert.EndsWith("@tiketi.test", token.GetClaim("email").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal("tiketi", token.Issuer);
        Assert.Equal(["tiketi"], token.Audiences);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.ValidTo, accessExpires.UtcDateTime);
        Assert.InRange(refreshExpires - DateTimeOffset.UtcNow, TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(14));
        Assert.StartsWith(accountId + ".", Str(tokens, "refreshToken"));
    }

    [Fact]
    public async Task Register_SameEmailInOtherCaseAndSpaces_IsTakenAndLogsIntoTheSameAccount()
    {
        var email = FreshEmail();
        var (_, account) = await RegisterAsync(_http, email);

        var (again, problem) = await RegisterAsync(_http, $"  {email.ToUpperInvariant()} ");
        var (loggedIn, tokens) = await LoginAsync(_http, $" {email.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("AUTH005", Code(problem));
        Assert.Equal(HttpStatusCode.OK, loggedIn);
        Assert.Equal(Str(account, "id"), new JsonWebToken(Str(tokens, "accessToken")).Subject);
    }

    [Theory]
    [InlineData("Short-1")]
    [InlineData("elevenchars")]
    [InlineData("123456789012")]
    [InlineData("passwordpassword")]
    [InlineData("SAME-AS-EMAIL")]
    [InlineData("TOO-LONG")]
    public async Task Register_PasswordBreakingARule_IsRefusedNamingPassword(string password)
    {
        var email = FreshEmail();
        password = password switch
        {
            "SAME-AS-EMAIL" => email.ToUpperInvariant(),
            "TOO-LONG" => "a1" + new string('x', 127),
            _ => password,
        };

        var (status, problem) = await RegisterAsync(_http, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", Code(problem));
        Assert.NotNull(problem["errors"]?["password"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("two@@tiketi.test")]
    [InlineData("Ann <ann@tiketi.test>")]
    [InlineData("ann@localhost")]
    [InlineData("LONG")]
    public async Task Register_MalformedEmail_IsRefusedNamingEmail(string email)
    {
        email = email == "LONG" ? new string('a', 60) + "@" + new string('b', 190) + ".test" : email;

        var (status, problem) = await RegisterAsync(_http, email);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", Code(problem));
        Assert.NotNull(problem["errors"]?["email"]);
    }

    [Fact]
    public async Task Register_OverlongDisplayName_IsRefusedNamingDisplayName()
    {
        var (status, problem) = await RegisterAsync(_http, FreshEmail(), displayName: new string('n', 101));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", Code(problem));
        Assert.NotNull(problem["errors"]?["displayName"]);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_AnswersTheSame401Auth004()
    {
        var email = FreshEmail();
        await RegisterAsync(_http, email);

        var (wrongPassword, first) = await LoginAsync(_http, email, "Not-the-password-1");
        var (unknownEmail, second) = await LoginAsync(_http, FreshEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail);
        Assert.Equal("AUTH004", Code(first));
        Assert.Equal("AUTH004", Code(second));
        Assert.Equal((string?)first["title"], (string?)second["title"]);
        Assert.Equal((string?)first["detail"], (string?)second["detail"]);
    }
}
