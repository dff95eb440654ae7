using Microsoft.AspNetCore.Http.HttpResults;
using Tiketi.Common;

namespace Tiketi.Api.Errors;

/// <summary>Turns codes and grain results into RFC 9457 problem details with a stable "code" member.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(string code, string? detail = null, IDictionary<string, object?>? extra = null)
    {
        var (status, title) = ErrorCatalogue.Describe(code);
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail, statusCode: status, title: title, type: $"https://tiketi.dev/errors/{code}", extensions: extensions);
    }

    public static ProblemHttpResult Of(Result failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Of(failure.Code ?? ApiErrors.Internal, failure.Message);
    }

    public static ProblemHttpResult Of<T>(Result<T> failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Of(failure.Code ?? ApiErrors.Internal, failure.Message);
    }

    /// <summary>A validation failure that names the field, in the shape of ASP.NET Core's own validation problems.</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        Of(ApiErrors.ValidationFailed, message, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
