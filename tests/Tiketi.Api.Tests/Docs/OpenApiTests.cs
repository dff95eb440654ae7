using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tiketi.Api.Tests.Docs;

/// <summary>The OpenAPI document describes every API endpoint, with what it takes and what it answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(TiketiApiFactory factory)
{
    [Fact]
    public async Task Document_EveryApiEndpoint_ListedWithRequestAndResponseShapes()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = (JsonObject)document!["paths"]!;
        var endpoints = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(endpoints);

        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var operation = paths[path]?[method.ToLowerInvariant()] as JsonObject;
                if (operation is null)
                {
                    missing.Add($"{method} {path}: not in the document");
                    continue;
                }

                var responses = operation["responses"] as JsonObject;
                if (responses is null || responses.Count == 0)
                {
                    missing.Add($"{method} {path}: no responses");
                }

                var takesBody = endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any();
                if (takesBody && operation["requestBody"]?["content"] is null)
                {
                    missing.Add($"{method} {path}: body not described");
                }

                if (string.IsNullOrWhiteSpace((string?)operation["summary"]))
                {
                    missing.Add($"{method} {path}: no summary");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
