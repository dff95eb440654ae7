using System.Net;
using static Tiketi.Api.Tests.Accounts.AuthApi;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>Refresh tokens rotate: each works once, and a second use revokes its whole family.</summary>
[Collection(ApiCollection.Name)]
public sealed class RefreshTokenTests(TiketiApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Refresh_CurrentToken_IssuesANewWorkingPair()
    {
        var (accountId, tokens) = await NewSignedInAsync(_http);

        var (status, next) = await RefreshAsync(_http, Str(tokens, "refreshToken"));
        var (meStatus, me) = await GetAsync(_http, "/api/auth/me", Str(next, "accessToken"));
        var (againStatus, _) = await RefreshAsync(_http, Str(next, "refreshToken"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(Str(tokens, "refreshToken"), Str(next, "refreshToken"));
        Assert.Equal("Bearer", Str(next, "tokenType"));
        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal(accountId, Str(me, "id"));
        Assert.Equal(HttpStatusCode.OK, againStatus);
    }

    [Fact]
    public async Task Refresh_UsedToken_Is401Auth006AndRevokesTheNewerTokenOfItsFamily()
    {
        var (_, tokens) = await NewSignedInAsync(_http);
        var (_, next) = await RefreshAsync(_http, Str(tokens, "refreshToken"));

        var (reused, problem) = await RefreshAsync(_http, Str(tokens, "refreshToken"));
        var (newer, newerProblem) = await RefreshAsync(_http, Str(next, "refreshToken"));

        Assert.Equal(HttpStatusCode.Unauthorized, reused);
        Assert.Equal("AUTH006", Code(problem));
        Assert.Equal(HttpStatusCode.Unauthorized, newer);
        Assert.Equal("AUTH006", Code(newerProblem));
    }

    [Fact]
    public async Task Refresh_ReuseInOneSignIn_LeavesOtherSignInsOfTheAccountAlone()
    {
        var email = FreshEmail();
        await RegisterAsync(_http, email);
        var (_, first) = await LoginAsync(_http, email);
        var (_, second) = await LoginAsync(_http, email);
        await RefreshAsync(_http, Str(first, "refreshToken"));

        await RefreshAsync(_http, Str(first, "refreshToken"));
        var (status, _) = await RefreshAsync(_http, Str(second, "refreshToken"));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.bm90LWEtcmVhbC10b2tlbg")]
    [InlineData("../../etc.passwd")]
    public async Task Refresh_TokenThatWasNeverIssued_Is401Auth006(string token)
    {
        var (status, problem) = await RefreshAsync(_http, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH006", Code(problem));
    }

    [Fact]
    public async Task Refresh_ForgedSecretWithRealAccountId_Is401Auth006()
    {
        var (accountId, _) = await NewSignedInAsync(_http);

        var (status, problem) = await RefreshAsync(_http, accountId + ".bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtcmVhbGx5");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH006", Code(problem));
    }

    [Fact]
    public async Task Logout_RevokesTheFamilyOfTheToken()
    {
        var (_, tokens) = await NewSignedInAsync(_http);
        var (_, next) = await RefreshAsync(_http, Str(tokens, "refreshToken"));

        var (loggedOut, _) = await PostAsync(_http, "/api/auth/logout", new { refreshToken = Str(next, "refreshToken") }, Str(next, "accessToken"));
        var (refreshed, problem) = await RefreshAsync(_http, Str(next, "refreshToken"));

        Assert.Equal(HttpStatusCode.NoContent, loggedOut);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed);
        Assert.Equal("AUTH006", Code(problem));
    }

    [Fact]
    public async Task Logout_SomeoneElsesRefreshToken_LeavesItWorking()
    {
        var (_, mine) = await NewSignedInAsync(_http);
        var (_, theirs) = await NewSignedInAsync(_http);

        var (loggedOut, _) = await PostAsync(_http, "/api/auth/logout", new { refreshToken = Str(theirs, "refreshToken") }, Str(mine, "accessToken"));
        var (refreshed, _) = await RefreshAsync(_http, Str(theirs, "refreshToken"));

        Assert.Equal(HttpStatusCode.NoContent, loggedOut);
        Assert.Equal(HttpStatusCode.OK, refreshed);
    }

    [Fact]
    public async Task Logout_WithoutAccessToken_Is401Auth001()
    {
        var (status, problem) = await PostAsync(_http, "/api/auth/logout", new { refreshToken = "whatever" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH001", Code(problem));
    }
}
