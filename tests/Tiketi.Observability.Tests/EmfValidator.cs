using System.Text.Json;

namespace Tiketi.Observability.Tests;

/// <summary>
/// Checks one log line against the CloudWatch Embedded Metric Format specification: a JSON object and
/// nothing else; an <c>_aws</c> metadata object with an integer millisecond <c>Timestamp</c> and a
/// <c>CloudWatchMetrics</c> array of directives; each directive with exactly Namespace, Dimensions and
/// Metrics; dimension sets of at most 30 references to root string members (≤ 1024 characters), possibly
/// empty; at most 100 metric definitions naming root numeric members, with a valid Unit and a
/// StorageResolution of 1 or 60 when present, and no members the specification does not define.
/// </summary>
public static class EmfValidator
{
    private static readonly HashSet<string> Units =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
        "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
        "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
        "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    ];

    public static JsonElement Validate(string line)
    {
        using var document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var root = document.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.DoesNotContain('\n', line);

        var aws = root.GetProperty("_aws");
        Assert.Equal(JsonValueKind.Object, aws.ValueKind);
        var timestamp = aws.GetProperty("Timestamp");
        Assert.Equal(JsonValueKind.Number, timestamp.ValueKind);
        Assert.True(timestamp.TryGetInt64(out var ms), "Timestamp must be an integer number of milliseconds");
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(ms), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddHours(1));
        AssertOnlyMembers(aws, "Timestamp", "CloudWatchMetrics", "LogGroupName");

        var directives = aws.GetProperty("CloudWatchMetrics");
        Assert.Equal(JsonValueKind.Array, directives.ValueKind);
        Assert.NotEqual(0, directives.GetArrayLength());
        foreach (var directive in directives.EnumerateArray())
        {
            AssertOnlyMembers(directive, "Namespace", "Dimensions", "Metrics");
            var ns = directive.GetProperty("Namespace").GetString();
            Assert.InRange(ns?.Length ?? 0, 1, 1024);

            var dimensions = directive.GetProperty("Dimensions");
            Assert.True(dimensions.GetArrayLength() >= 1, "Dimensions needs at least one DimensionSet");
            foreach (var set in dimensions.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.Array, set.ValueKind);
                Assert.True(set.GetArrayLength() <= 30, "a DimensionSet holds at most 30 keys");
                foreach (var key in set.EnumerateArray())
                {
                    var name = key.GetString()!;
                    Assert.InRange(name.Length, 1, 250);
                    var target = root.GetProperty(name);
                    Assert.Equal(JsonValueKind.String, target.ValueKind);
                    Assert.InRange(target.GetString()!.Length, 1, 1024);
                }
            }

            var metrics = directive.GetProperty("Metrics");
            Assert.InRange(metrics.GetArrayLength(), 1, 100);
            foreach (var metric in metrics.EnumerateArray())
            {
                AssertOnlyMembers(metric, "Name", "Unit", "StorageResolution");
                var name = metric.GetProperty("Name").GetString()!;
                Assert.InRange(name.Length, 1, 1024);
                var target = root.GetProperty(name);
                Assert.True(
                    target.ValueKind == JsonValueKind.Number
                    || (target.ValueKind == JsonValueKind.Array && target.GetArrayLength() <= 100 && target.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)),
                    $"metric target {name} must be a number or an array of at most 100 numbers");
                if (metric.TryGetProperty("Unit", out var unit))
                {
                    Assert.Contains(unit.GetString()!, Units);
                }

                if (metric.TryGetProperty("StorageResolution", out var resolution))
                {
                    Assert.Contains(resolution.GetInt32(), new[] { 1, 60 });
                }
            }
        }

        return root;
    }

    private static void AssertOnlyMembers(JsonElement element, params string[] allowed)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        foreach (var property in element.EnumerateObject())
        {
            Assert.Contains(property.Name, allowed);
        }
    }
}
