using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Tiketi.Api.Errors;

/// <summary>
/// Every error leaves as problem details with a code: framework-made ones (validation, bad JSON,
/// 404, 405) get theirs here, and unexpected exceptions become SYS001 without leaking internals.
/// </summary>
public static class ProblemDetailsExtensions
{
    public static WebApplicationBuilder AddTiketiProblemDetails(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = context.Exception is BadHttpRequestException || problem is HttpValidationProblemDetails
                    ? (problem is HttpValidationProblemDetails ? ApiErrors.ValidationFailed : ApiErrors.MalformedRequest)
                    : problem.Status switch
                    {
                        400 => ApiErrors.MalformedRequest,
                        401 => ApiErrors.TokenMissing,
                        403 => ApiErrors.Forbidden,
                        404 => ApiErrors.NotFound,
                        429 => ApiErrors.TooManyRequests,
                        >= 500 => ApiErrors.Internal,
                        _ => ApiErrors.MalformedRequest,
                    };
            }

            if (problem is HttpValidationProblemDetails validation)
            {
                CamelCaseKeys(validation.Errors);
            }

            problem.Extensions["traceId"] = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        builder.Services.AddValidation();
        return builder;
    }

    /// <summary>
    /// ASP.NET Core's validation names a field by its C# path ("Layout.Sections[0].Rows"); clients send and read
    /// camelCase JSON, and the API's own field errors say "layout.sections[0].rows": one spelling for both.
    /// </summary>
    private static void CamelCaseKeys(IDictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in errors.ToList())
        {
            var camel = string.Join('.', key.Split('.').Select(part => part.Length > 0 && char.IsUpper(part[0]) ? char.ToLowerInvariant(part[0]) + part[1..] : part));
            if (camel != key)
            {
                errors.Remove(key);
                errors[camel] = errors.TryGetValue(camel, out var existing) ? [.. existing, .. messages] : messages;
            }
        }
    }

    public static WebApplication UseTiketiProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Unreadable bodies (broken JSON, wrong types) are the client's fault: 400, never 500.</summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = bad.StatusCode, Title = "Malformed request", Detail = bad.Message },
            });
        }
    }
}
