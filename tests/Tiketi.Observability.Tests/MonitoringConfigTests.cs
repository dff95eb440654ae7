using System.Text.Json;
using Tiketi.Observability;
using Tiketi.Scaling;
using YamlDotNet.RepresentationModel;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class MonitoringConfigTests(ObservabilityFactory factory)
{
    private static readonly string[] Dashboards = ["tiketi-sale.json", "tiketi-system.json"];

    [Fact]
    public void PrometheusConfig_ScrapesSilosAndApiHostsEvery5Seconds()
    {
        var config = Yaml("deploy", "monitoring", "prometheus", "prometheus.yml");

        Assert.Equal("5s", Scalar(config, "global", "scrape_interval"));
        var jobs = ((YamlSequenceNode)config.Children[new YamlScalarNode("scrape_configs")]).Cast<YamlMappingNode>()
            .ToDictionary(j => ((YamlScalarNode)j.Children[new YamlScalarNode("job_name")]).Value!, j => j);
        Assert.Contains("tiketi-silo", jobs.Keys);
        Assert.Contains("tiketi-api", jobs.Keys);
        Assert.Contains("9464", jobs["tiketi-silo"].ToString(), StringComparison.Ordinal);
        Assert.Contains("/etc/prometheus/alerts.yml", config.Children[new YamlScalarNode("rule_files")].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LokiPromtailAndGrafanaConfigs_Parse()
    {
        var loki = Yaml("deploy", "monitoring", "loki", "loki.yml");
        Assert.Equal("3100", Scalar(loki, "server", "http_listen_port"));
        var promtail = Yaml("deploy", "monitoring", "promtail", "promtail.yml");
        Assert.Contains("http://loki:3100/loki/api/v1/push", promtail.ToString(), StringComparison.Ordinal);
        var datasources = Yaml("deploy", "monitoring", "grafana", "provisioning", "datasources", "datasources.yml");
        Assert.Contains("prometheus", datasources.ToString(), StringComparison.Ordinal);
        Yaml("deploy", "monitoring", "grafana", "provisioning", "dashboards", "dashboards.yml");
        Assert.Contains("silo-[0-9]+|api-[0-9]+", Repo.Read("deploy", "monitoring", "promtail", "promtail.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboards_ParseWithUniqueIdsAndKnownDataSources()
    {
        var uids = new HashSet<string>();
        foreach (var file in Dashboards)
        {
            using var dashboard = JsonDocument.Parse(Repo.Read("deploy", "monitoring", "grafana", "dashboards", file));
            var root = dashboard.RootElement;
            Assert.True(uids.Add(root.GetProperty("uid").GetString()!));
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
            var panels = root.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            Assert.All(panels, p => Assert.Contains(p.GetProperty("datasource").GetProperty("uid").GetString(), new[] { "prometheus", "loki" }));
        }
    }

    [Fact]
    public async Task DashboardsAndAlerts_QueryOnlyMetricsTheHostsExport()
    {
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/api/events", UriKind.Relative))).EnsureSuccessStatusCode();
        var exported = new PrometheusText(await factory.ScrapeAsync()).Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in TiketiMetrics.Definitions)
        {
            exported.UnionWith([definition.Name, $"{definition.Name}_bucket", $"{definition.Name}_sum", $"{definition.Name}_count"]);
        }

        exported.Add("up"); // written by Prometheus itself for every target

        var queried = Queries().SelectMany(q => PromQl.MetricNames(q.Expr).Select(name => (q.Where, name))).ToList();

        Assert.Contains(queried, q => q.name == TiketiMetrics.QueueSizeName);
        Assert.All(queried, q => Assert.True(exported.Contains(q.name), $"{q.Where} queries {q.name}, which no TIKETI host exports"));
        foreach (var name in TiketiMetrics.Definitions.Select(d => d.Name))
        {
            Assert.True(queried.Any(q => q.name.StartsWith(name, StringComparison.Ordinal)), $"no dashboard or alert shows {name}");
        }
    }

    [Fact]
    public void QueueAlertsAndDashboardThresholds_MatchTheScalingPolicy()
    {
        var policy = QueueScalingPolicy.Default;
        var alerts = Queries().Where(q => q.Where.StartsWith("alerts.yml", StringComparison.Ordinal)).ToDictionary(q => q.Where, q => q.Expr);

        Assert.EndsWith($"> {policy.ScaleOutThreshold}", alerts["alerts.yml QueueLong"], StringComparison.Ordinal);
        Assert.EndsWith($">= {policy.ScaleOutSteps[1].QueueAbove}", alerts["alerts.yml QueueVeryLong"], StringComparison.Ordinal);
        using var sale = JsonDocument.Parse(Repo.Read("deploy", "monitoring", "grafana", "dashboards", "tiketi-sale.json"));
        var queuePanel = sale.RootElement.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("title").GetString() == "Queue length");
        var lines = queuePanel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps")
            .EnumerateArray().Skip(1).Select(s => s.GetProperty("value").GetInt64()).ToList();
        Assert.Equal([policy.ScaleInBelow, .. policy.ScaleOutSteps.Select(s => s.QueueAbove)], lines);
    }

    /// <summary>Every PromQL expression of the dashboards and alert rules, with where it comes from.</summary>
    private static IEnumerable<(string Where, string Expr)> Queries()
    {
        foreach (var file in Dashboards)
        {
            using var dashboard = JsonDocument.Parse(Repo.Read("deploy", "monitoring", "grafana", "dashboards", file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    if (target.GetProperty("datasource").GetProperty("uid").GetString() == "prometheus")
                    {
                        yield return ($"{file} '{panel.GetProperty("title").GetString()}'", target.GetProperty("expr").GetString()!);
                    }
                }
            }

            foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
            {
                // label_values(metric, label): the metric is the first argument.
                var query = variable.GetProperty("definition").GetString()!;
                var metric = query["label_values(".Length..query.IndexOf(',', StringComparison.Ordinal)];
                yield return ($"{file} variable {variable.GetProperty("name").GetString()}", metric);
            }
        }

        var rules = Yaml("deploy", "monitoring", "prometheus", "alerts.yml");
        foreach (YamlMappingNode group in (YamlSequenceNode)rules.Children[new YamlScalarNode("groups")])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group.Children[new YamlScalarNode("rules")])
            {
                var name = ((YamlScalarNode)rule.Children[new YamlScalarNode("alert")]).Value;
                yield return ($"alerts.yml {name}", ((YamlScalarNode)rule.Children[new YamlScalarNode("expr")]).Value!.Trim());
            }
        }
    }

    private static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repo.Read(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value;
    }
}
