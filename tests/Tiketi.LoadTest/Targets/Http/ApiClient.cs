using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Tiketi.LoadTest.Measuring;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>
/// JSON over one pooled <see cref="HttpClient"/>: a 2xx answer is read as <typeparamref name="T"/>; a
/// problem-details answer becomes its stable <c>code</c> (RES001, QUEUE003, RATE001, ...); anything else
/// becomes "HTTP{status}".
/// </summary>
internal sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<Reply<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? token, CancellationToken cancellationToken,
        params (string Name, string? Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: HttpJson.Options);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(bool))
            {
                return Reply<T>.Ok(default!);
            }

            var value = await response.Content.ReadFromJsonAsync<T>(HttpJson.Options, cancellationToken);
            return value is null ? Reply<T>.Fail($"HTTP{(int)response.StatusCode}", "empty body") : Reply<T>.Ok(value);
        }

        ProblemDto? problem = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ProblemDto>(HttpJson.Options, cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return Reply<T>.Fail(problem?.Code ?? $"HTTP{(int)response.StatusCode}", problem?.Detail ?? problem?.Title);
    }
}
