using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Tiketi.Common;

namespace Tiketi.Api.Live;

/// <summary>SignalR's user id is the token's "sub": the account id, which is the buyer id everywhere.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => BuyerIdOf(connection?.User);

    /// <summary>The buyer a signed-in principal is, or null for anonymous callers and ids unfit for grain keys.</summary>
    public static string? BuyerIdOf(ClaimsPrincipal? user) =>
        user is { Identity.IsAuthenticated: true }
        && (user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)) is { } id
        && GrainKeys.IsValidId(id)
            ? id
            : null;
}
