using Tiketi.Common;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Events;

/// <summary>What makes an event definition acceptable, and which status changes are allowed.</summary>
public static class EventRules
{
    public const int MaxBlocks = 500;
    public const int MaxPerBuyerLimit = 20;
    public const int MaxTextLength = 200;
    public static readonly TimeSpan MinHold = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(30);

    public static Result Validate(EventDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (new[] { definition.Title, definition.Artist, definition.Venue }.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTextLength))
        {
            return Fail($"Title, artist and venue are required, at most {MaxTextLength} characters each.");
        }

        if (definition.SaleOpensAt >= definition.SaleClosesAt || definition.SaleClosesAt > definition.StartsAt)
        {
            return Fail("The sale must open before it closes, and close no later than the show starts.");
        }

        if (!Enum.IsDefined(definition.QueueMode)
            || (definition.QueueMode == QueueMode.Lottery
                && (definition.EffectivePreQueueWindow < EventDefinition.MinPreQueueWindow || definition.EffectivePreQueueWindow > EventDefinition.MaxPreQueueWindow)))
        {
            return Fail($"The queue mode is FIFO or lottery; a lottery's pre-queue opens {EventDefinition.MinPreQueueWindow.TotalMinutes} to {EventDefinition.MaxPreQueueWindow.TotalMinutes} minutes before the sale.");
        }

        if (definition.PerBuyerLimit is < 1 or > MaxPerBuyerLimit)
        {
            return Fail($"The per-buyer limit must be between 1 and {MaxPerBuyerLimit}.");
        }

        if (definition.EffectiveHoldDuration < MinHold || definition.EffectiveHoldDuration > MaxHold)
        {
            return Fail($"The hold duration must be between {MinHold.TotalMinutes} and {MaxHold.TotalMinutes} minutes.");
        }

        if (!IsIanaTimeZone(definition.EffectiveTimeZone))
        {
            return Fail($"The time zone '{definition.EffectiveTimeZone}' is not an IANA time zone id such as {EventDefinition.DefaultTimeZone}.");
        }

        if (ValidateDetails(definition.EffectiveDetails) is { } detailsError)
        {
            return Fail(detailsError);
        }

        var categories = definition.Categories.IsDefault ? [] : definition.Categories;
        if (categories.Any(c => !GrainKeys.IsValidId(c.Id) || string.IsNullOrWhiteSpace(c.Name) || c.Price < 0 || c.Currency is not { Length: 3 })
            || categories.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != categories.Length)
        {
            return Fail("Price categories need unique ids, a name, a non-negative price and a 3-letter currency.");
        }

        if (categories.Select(c => c.Currency).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return Fail("All price categories of an event use one currency.");
        }

        var blocks = definition.Blocks.IsDefault ? [] : definition.Blocks;
        if (blocks.Length is 0 or > MaxBlocks || blocks.Select(b => b.Id).Distinct(StringComparer.Ordinal).Count() != blocks.Length)
        {
            return Fail($"An event needs 1 to {MaxBlocks} blocks with unique ids.");
        }

        var categoryIds = categories.Select(c => c.Id).ToList();
        foreach (var block in blocks)
        {
            var result = BlockLayout.Validate(block, categoryIds);
            if (!result.IsSuccess)
            {
                return result;
            }
        }

        var placements = definition.Placements;
        if (placements.Any(p => !Enum.IsDefined(p.Area) || p.Order is < 0 or > MaxBlocks || !blocks.Any(b => b.Id == p.BlockId))
            || placements.Select(p => p.BlockId).Distinct(StringComparer.Ordinal).Count() != placements.Length)
        {
            return Fail("Each placement names one of the event's blocks once, with a venue area and an order from 0.");
        }

        return Result.Success;
    }

    /// <summary>An IANA id this machine knows (tzdata); Windows ids are not accepted, so every host agrees.</summary>
    public static bool IsIanaTimeZone(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    private static string? ValidateDetails(EventDetails details)
    {
        if (details.Description is { Length: > EventDetails.MaxDescriptionLength })
        {
            return $"The description is at most {EventDetails.MaxDescriptionLength} characters.";
        }

        if (details.PosterUrl is { } poster && (poster.Length > EventDetails.MaxPosterUrlLength || !IsPosterUrl(poster)))
        {
            return "The poster is an https URL or a path on this site (/...), at most 500 characters.";
        }

        if (details.AgeRating is { } rating && !EventDetails.AgeRatings.Contains(rating))
        {
            return $"The age rating is one of {string.Join(", ", EventDetails.AgeRatings)}.";
        }

        return details.RunningMinutes is < 1 or > EventDetails.MaxRunningMinutes
            ? $"The running time is 1 to {EventDetails.MaxRunningMinutes} minutes."
            : null;
    }

    private static bool IsPosterUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    public static Result CanMove(EventStatus from, EventStatus to) => (from, to) switch
    {
        (EventStatus.Draft or EventStatus.Closed, EventStatus.OnSale) => Result.Success,
        (EventStatus.OnSale, EventStatus.Closed) => Result.Success,
        (not EventStatus.Cancelled, EventStatus.Cancelled) => Result.Success,
        _ => Result.Fail(Reasons.InvalidTransition, $"An event that is {from} cannot become {to}."),
    };

    private static Result Fail(string message) => Result.Fail(Reasons.InvalidEvent, message);
}
