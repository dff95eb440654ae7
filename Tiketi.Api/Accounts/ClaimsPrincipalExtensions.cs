using System.Security.Claims;

namespace Tiketi.Api.Accounts;

/// <summary>Who is calling: the account id in the token's "sub" claim is the buyer id everywhere.</summary>
public static class ClaimsPrincipalExtensions
{
    public const string AdminRole = "admin";
    public const string UserRole = "user";
    public const string AdminPolicy = "admin";

    public static string BuyerId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("An authenticated request carries no subject.");
    }
}
