using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tiketi.Accounts;
using Tiketi.Api.Queue;
using Tiketi.Api.Tests.Accounts;

namespace Tiketi.Api.Tests.Security;

/// <summary>
/// Guessing is slowed without locking the owner out: an account's failures beyond the free ones demand a
/// proof of work (which the owner's browser pays once), and an address with many failures is blocked.
/// </summary>
[Collection(SecurityHostCollection.Name)]
public sealed class BruteForceTests(BruteForceTests.Host host) : IClassFixture<BruteForceTests.Host>
{
    [Fact]
    public async Task Login_FiveWrongPasswords_CorrectOneStillSignsIn()
    {
        var email = await host.RegisteredAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = $"wrong-password-{i}" }, peer: $"192.0.2.{i + 1}")).Status);
        }

        var (status, tokens, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: "192.0.2.77");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty((string?)tokens["accessToken"]));
    }

    [Fact]
    public async Task Login_ManyWrongPasswordsFromManyAddresses_OwnerSignsInWithAProofOfWorkOnce()
    {
        var email = await host.RegisteredAsync();
        for (var i = 0; i < 12; i++)
        {
            await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = $"guess-number-{i}" }, peer: $"198.18.0.{i + 1}");
        }

        // The owner is asked for a proof, not locked out; the proof is bound to the account and used once.
        var (asked, problem, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: "198.18.1.1");
        Assert.Equal(HttpStatusCode.Forbidden, asked);
        Assert.Equal("AUTH007", AuthApi.Code(problem));
        var proof = Solve((string)problem["challenge"]!, (int)problem["difficulty"]!);
        var proofHeader = new Dictionary<string, string> { ["X-Login-Proof"] = proof };

        var (status, tokens, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: "198.18.1.1", headers: proofHeader);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty((string?)tokens["accessToken"]));

        var (replayed, again, _) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email, password = AuthApi.Password }, peer: "198.18.1.1", headers: proofHeader);
        Assert.Equal(HttpStatusCode.Forbidden, replayed);
        Assert.Equal("AUTH007", AuthApi.Code(again));
    }

    [Fact]
    public async Task Login_ManyFailuresFromOneAddress_ThatAddressBlockedOthersNot()
    {
        var victim = await host.RegisteredAsync();
        var bystander = await host.RegisteredAsync();
        for (var i = 0; i < Host.FailuresPerAddress; i++)
        {
            await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = AuthApi.FreshEmail(), password = "wrong-password-1" }, peer: "203.0.113.99");
        }

        var (blocked, problem, response) = await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = victim, password = AuthApi.Password }, peer: "203.0.113.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked);
        Assert.Equal("RATE001", AuthApi.Code(problem));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, (await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = victim, password = AuthApi.Password }, peer: "203.0.113.100")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Security.SendAsync(HttpMethod.Post, "/api/auth/login", new { email = bystander, password = AuthApi.Password }, peer: "203.0.113.101")).Status);
    }

    public static string Solve(string challenge, int bits)
    {
        for (var n = 0; ; n++)
        {
            var proof = $"{challenge}:{n}";
            if (ProofOfWork.LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(proof))) >= bits)
            {
                return proof;
            }
        }
    }

    /// <summary>A host with the sign-in brakes at small, fast-to-test settings.</summary>
    public sealed class Host : IDisposable
    {
        public const int FailuresPerAddress = 8;

        public SecurityHost Security { get; } = new(new Dictionary<string, string?>
        {
            ["Security:FailedLoginsPerWindow"] = FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:FreeFailedLogins"] = "5",
            ["Security:LoginProofBits"] = "8",
        });

        public async Task<string> RegisteredAsync()
        {
            var email = AuthApi.FreshEmail();
            var (status, body, _) = await Security.SendAsync(HttpMethod.Post, "/api/auth/register", new { email, password = AuthApi.Password }, peer: "192.0.2.200");
            Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
            return email;
        }

        public void Dispose() => Security.Dispose();
    }
}
