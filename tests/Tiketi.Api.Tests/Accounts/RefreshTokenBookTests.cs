using Tiketi.Accounts;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>The pure rules of refresh token families, without a host.</summary>
public sealed class RefreshTokenBookTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    [Fact]
    public void Rotate_CurrentToken_MakesTheNextOneCurrent()
    {
        var families = new Dictionary<string, RefreshFamily>();
        RefreshTokenBook.Issue(families, "a", Now, Lifetime);

        var (outcome, expiresAt) = RefreshTokenBook.Rotate(families, "a", "b", Now.AddHours(1), Lifetime);

        Assert.Equal(RefreshOutcome.Rotated, outcome);
        Assert.Equal(Now.AddHours(1) + Lifetime, expiresAt);
        Assert.Equal(RefreshOutcome.Rotated, RefreshTokenBook.Rotate(families, "b", "c", Now.AddHours(2), Lifetime).Outcome);
    }

    [Fact]
    public void Rotate_UsedToken_RevokesTheFamilyOnly()
    {
        var families = new Dictionary<string, RefreshFamily>();
        RefreshTokenBook.Issue(families, "a", Now, Lifetime);
        RefreshTokenBook.Issue(families, "x", Now, Lifetime);
        RefreshTokenBook.Rotate(families, "a", "b", Now, Lifetime);

        var reuse = RefreshTokenBook.Rotate(families, "a", "c", Now, Lifetime).Outcome;

        Assert.Equal(RefreshOutcome.Reused, reuse);
        Assert.Equal(RefreshOutcome.Unknown, RefreshTokenBook.Rotate(families, "b", "d", Now, Lifetime).Outcome);
        Assert.Equal(RefreshOutcome.Rotated, RefreshTokenBook.Rotate(families, "x", "y", Now, Lifetime).Outcome);
    }

    [Fact]
    public void Rotate_ExpiredToken_IsRefusedAndForgotten()
    {
        var families = new Dictionary<string, RefreshFamily>();
        RefreshTokenBook.Issue(families, "a", Now, Lifetime);

        var (outcome, _) = RefreshTokenBook.Rotate(families, "a", "b", Now + Lifetime, Lifetime);

        Assert.Equal(RefreshOutcome.Expired, outcome);
        Assert.Empty(families);
    }

    [Fact]
    public void Revoke_UsedOrCurrentToken_RemovesItsFamily()
    {
        var families = new Dictionary<string, RefreshFamily>();
        RefreshTokenBook.Issue(families, "a", Now, Lifetime);
        RefreshTokenBook.Rotate(families, "a", "b", Now, Lifetime);

        Assert.True(RefreshTokenBook.Revoke(families, "a"));
        Assert.False(RefreshTokenBook.Revoke(families, "b"));
        Assert.Empty(families);
    }

    [Fact]
    public void Issue_BeyondTheFamilyLimit_DropsTheOldestSignIn()
    {
        var families = new Dictionary<string, RefreshFamily>();
        for (var i = 0; i <= RefreshTokenBook.MaxFamilies; i++)
        {
            RefreshTokenBook.Issue(families, $"t{i}", Now.AddSeconds(i), Lifetime);
        }

        Assert.Equal(RefreshTokenBook.MaxFamilies, families.Count);
        Assert.Equal(RefreshOutcome.Unknown, RefreshTokenBook.Rotate(families, "t0", "n", Now, Lifetime).Outcome);
    }

    [Fact]
    public void Rotate_ManyTimes_KeepsABoundedHistory()
    {
        var families = new Dictionary<string, RefreshFamily>();
        RefreshTokenBook.Issue(families, "t0", Now, Lifetime);
        for (var i = 0; i < RefreshTokenBook.MaxUsedHashes + 10; i++)
        {
            RefreshTokenBook.Rotate(families, $"t{i}", $"t{i + 1}", Now, Lifetime);
        }

        Assert.Equal(RefreshTokenBook.MaxUsedHashes, families.Single().Value.UsedHashes.Count);
    }
}
