using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tiketi.Api.Queue;

namespace Tiketi.Api.Tests.Security;

/// <summary>A queue that asks for proof of work admits a join only with a fresh, solved challenge of that buyer.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProofOfWorkTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Join_QueueRequiringProof_RefusedWithoutAndAcceptedWithSolution()
    {
        var admin = await ApiSession.AdminAsync(factory);
        var eventId = await Sale.SaleSetup.CreateOpenEventAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, $"/api/admin/events/{eventId}/queue",
            new { admissionsPerSecond = 10, maxActiveShoppers = 100, proofOfWorkBits = 10 })).Status);
        var buyer = await ApiSession.NewBuyerAsync(factory);
        var other = await ApiSession.NewBuyerAsync(factory);
        var join = $"/api/events/{eventId}/queue";

        var (missing, problem) = await buyer.SendAsync(HttpMethod.Post, join);
        Assert.Equal(HttpStatusCode.Forbidden, missing);
        Assert.Equal("QUEUE006", ApiSession.Code(problem));

        var (_, challenge) = await buyer.SendAsync(HttpMethod.Get, $"{join}/challenge");
        Assert.Equal(10, (int)challenge["difficulty"]!);
        var solved = Solve((string)challenge["challenge"]!, 10);
        var unsolved = $"{(string)challenge["challenge"]!}:{Unsolved((string)challenge["challenge"]!, 10)}";

        Assert.Equal("QUEUE006", ApiSession.Code((await buyer.SendAsync(HttpMethod.Post, join, null, Proof(unsolved))).Body));
        Assert.Equal("QUEUE006", ApiSession.Code((await other.SendAsync(HttpMethod.Post, join, null, Proof(solved))).Body));
        var (status, place) = await buyer.SendAsync(HttpMethod.Post, join, null, Proof(solved));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(place["state"]);

        // A solution is accepted once: leaving and joining again with it is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.SendAsync(HttpMethod.Delete, join)).Status);
        Assert.Equal("QUEUE006", ApiSession.Code((await buyer.SendAsync(HttpMethod.Post, join, null, Proof(solved))).Body));
    }

    private static Dictionary<string, string> Proof(string proof) => new() { ["X-Queue-Proof"] = proof };

    private static string Solve(string challenge, int bits)
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

    private static int Unsolved(string challenge, int bits)
    {
        for (var n = 0; ; n++)
        {
            if (ProofOfWork.LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge}:{n}"))) < bits)
            {
                return n;
            }
        }
    }
}
