using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using static Tiketi.Api.Tests.Accounts.AuthApi;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>The admin from Auth:AdminEmail/AdminPassword exists at start; admin routes are for admins only.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminAccountTests(TiketiApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Login_ConfiguredAdmin_HasRoleAdmin()
    {
        var (status, tokens) = await LoginAsync(_http, TiketiApiFactory.AdminEmail.ToUpperInvariant(), TiketiApiFactory.AdminPassword);
        var (_, me) = await GetAsync(_http, "/api/auth/me", Str(tokens, "accessToken"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("admin", new JsonWebToken(Str(tokens, "accessToken")).GetClaim("role").Value);
        Assert.Equal("admin", Str(me, "role"));
        Assert.Equal(TiketiApiFactory.AdminEmail, Str(me, "email"));
    }

    [Fact]
    public async Task AdminEndpoint_WithAdminToken_Succeeds()
    {
        var (_, tokens) = await LoginAsync(_http, TiketiApiFactory.AdminEmail, TiketiApiFactory.AdminPassword);

        var (status, _) = await GetAsync(_http, "/api/admin/events", Str(tokens, "accessToken"));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AdminEndpoint_WithUserToken_Is403Auth003()
    {
        var (_, tokens) = await NewSignedInAsync(_http);

        var (status, problem) = await GetAsync(_http, "/api/admin/events", Str(tokens, "accessToken"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AUTH003", Code(problem));
    }

    [Fact]
    public async Task AdminEndpoint_WithoutToken_Is401Auth001()
    {
        var (status, problem) = await GetAsync(_http, "/api/admin/events", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH001", Code(problem));
    }
}
