using Tiketi.Api.Errors;

namespace Tiketi.Api.Security;

/// <summary>
/// A repeated query key (<c>?page=1&amp;page=2</c>) is refused rather than resolved by whichever
/// component happens to read first: one clear answer, no parameter-pollution games.
/// </summary>
public static class QueryPollution
{
    public static IApplicationBuilder UseRepeatedQueryKeyRejection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var repeated = context.Request.Query.FirstOrDefault(q => q.Value.Count > 1).Key;
            if (repeated is not null)
            {
                await Problems.Invalid(repeated, $"The query parameter '{repeated}' is repeated; send it once.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
