namespace Tiketi.Common;

/// <summary>
/// The outcome of a command whose failure is an expected business result (a seat already taken,
/// a limit reached). Failures carry a stable code from <see cref="Reasons"/> instead of crossing the
/// cluster as exceptions, which are costly and lose their meaning on the way.
/// </summary>
[GenerateSerializer, Immutable, Alias("tiketi.Result")]
public sealed record Result([property: Id(0)] string? Code, [property: Id(1)] string? Message)
{
    public static Result Success { get; } = new(null, null);

    public bool IsSuccess => Code is null;

    public static Result Fail(string code, string message) => new(code, message);
}

/// <summary>A <see cref="Result"/> that carries a value when it succeeds.</summary>
[GenerateSerializer, Immutable, Alias("tiketi.Result`1")]
public sealed record Result<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Message)
{
    public bool IsSuccess => Code is null;

    public static Result<T> Ok(T value) => new(value, null, null);

    public static Result<T> Fail(string code, string message) => new(default, code, message);

    public static Result<T> From(Result failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, failure.Code, failure.Message);
    }
}
