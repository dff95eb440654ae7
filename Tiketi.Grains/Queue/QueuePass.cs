using System.Globalization;
using Microsoft.Extensions.Options;
using Tiketi.Common;

namespace Tiketi.Queue;

/// <summary>
/// The signed pass an admitted buyer shows to shop: bound to the buyer and the event, valid until
/// an expiry, and only while the place it was issued for is admitted. Its buyer and expiry name that
/// place; places that ended are in this silo's <see cref="EndedPlacesSet"/>, kept current by the queue's
/// stream. Checking it needs no call to the queue grain, so holds do not funnel through it.
/// </summary>
public sealed class QueuePass(IOptions<SaleOptions> options, EndedPlacesSet? endedPlaces = null)
{
    private const string Version = "p1";
    private readonly SignedToken _token = new(options.Value.PassSigningKey);

    public string Issue(string eventId, string buyerId, DateTimeOffset expiresAt) =>
        _token.Sign(Version, eventId, buyerId, expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public Result Verify(string? pass, string eventId, string buyerId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(pass))
        {
            return Result.Fail(Reasons.NotAdmitted, "Wait in the queue: holds need the pass you get when admitted.");
        }

        var fields = _token.Open(pass);
        if (fields is not [Version, var passEvent, var passBuyer, var expires]
            || passEvent != eventId || passBuyer != buyerId
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs))
        {
            return Result.Fail(Reasons.PassInvalid, "The queue pass is forged or belongs to someone else.");
        }

        if (DateTimeOffset.FromUnixTimeMilliseconds(expiresMs) <= now)
        {
            return Result.Fail(Reasons.PassExpired, "The queue pass has expired; join the queue again.");
        }

        return endedPlaces?.IsEnded(eventId, buyerId, expiresMs) == true
            ? Result.Fail(Reasons.PassExpired, "Your place in the queue has ended (you left it, or it lapsed); join the queue again.")
            : Result.Success;
    }
}
