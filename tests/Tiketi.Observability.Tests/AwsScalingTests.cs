using System.Text.Json;
using Tiketi.Scaling;
using Tiketi.Silo.Observability;

namespace Tiketi.Observability.Tests;

/// <summary>deploy/aws/queue-scaling.json must say what <see cref="QueueScalingPolicy"/> says: change one, change both.</summary>
public sealed class AwsScalingTests
{
    private static readonly QueueScalingPolicy Policy = QueueScalingPolicy.Default;
    private static readonly JsonElement Resources = Template().GetProperty("Resources");

    [Fact]
    public void QueueHighAlarm_IsTheScaleOutThreshold()
    {
        var alarm = Properties("QueueHighAlarm");

        AssertQueueMetric(alarm);
        Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        Assert.Equal(Policy.ScaleOutThreshold, alarm.GetProperty("Threshold").GetInt64());
        Assert.Equal(Policy.ScaleOutEvaluationPeriods, alarm.GetProperty("EvaluationPeriods").GetInt32());
        Assert.Equal(Refs(alarm.GetProperty("AlarmActions")), ["SiloQueueScaleOut", "ApiQueueScaleOut"]);
    }

    [Theory]
    [InlineData("SiloQueueScaleOut")]
    [InlineData("ApiQueueScaleOut")]
    public void ScaleOutPolicy_StepsAreThePolicySteps(string name)
    {
        var policy = Properties(name);

        Assert.Equal("StepScaling", policy.GetProperty("PolicyType").GetString());
        Assert.Equal("ChangeInCapacity", policy.GetProperty("AdjustmentType").GetString());
        Assert.Equal(Policy.ScaleOutCooldown.TotalSeconds, policy.GetProperty("EstimatedInstanceWarmup").GetDouble());

        // CloudWatch bounds are relative to the alarm threshold; lower bounds inclusive, upper exclusive.
        var steps = policy.GetProperty("StepAdjustments").EnumerateArray().ToList();
        Assert.Equal(Policy.ScaleOutSteps.Count, steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var lower = i == 0 ? Policy.ScaleOutThreshold : Policy.ScaleOutSteps[i].QueueAbove;
            Assert.Equal(lower - Policy.ScaleOutThreshold, steps[i].GetProperty("MetricIntervalLowerBound").GetInt64());
            Assert.Equal(Policy.ScaleOutSteps[i].Add, steps[i].GetProperty("ScalingAdjustment").GetInt32());
            if (i + 1 < steps.Count)
            {
                Assert.Equal(Policy.ScaleOutSteps[i + 1].QueueAbove - Policy.ScaleOutThreshold, steps[i].GetProperty("MetricIntervalUpperBound").GetInt64());
            }
            else
            {
                Assert.False(steps[i].TryGetProperty("MetricIntervalUpperBound", out _));
            }
        }
    }

    [Fact]
    public void QueueLowAlarm_IsTheScaleInThreshold()
    {
        var alarm = Properties("QueueLowAlarm");

        AssertQueueMetric(alarm);
        Assert.Equal("LessThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        Assert.Equal(Policy.ScaleInBelow, alarm.GetProperty("Threshold").GetInt64());
        Assert.Equal(Policy.ScaleInEvaluationPeriods, alarm.GetProperty("EvaluationPeriods").GetInt32());
        Assert.Equal(Policy.ScaleInEvaluationPeriods, alarm.GetProperty("DatapointsToAlarm").GetInt32());
        Assert.Equal(Refs(alarm.GetProperty("AlarmActions")), ["SiloQueueScaleIn", "ApiQueueScaleIn"]);
    }

    [Theory]
    [InlineData("SiloQueueScaleIn")]
    [InlineData("ApiQueueScaleIn")]
    public void ScaleInPolicy_RemovesTheStepAfterTheCooldown(string name)
    {
        var policy = Properties(name);

        Assert.Equal("SimpleScaling", policy.GetProperty("PolicyType").GetString());
        Assert.Equal(-Policy.ScaleInStep, policy.GetProperty("ScalingAdjustment").GetInt32());
        Assert.Equal(Policy.ScaleInCooldown.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), policy.GetProperty("Cooldown").GetString());
    }

    [Theory]
    [InlineData("SiloPrewarmAlarm", "SiloPrewarm")]
    [InlineData("ApiPrewarmAlarm", "ApiPrewarm")]
    public void PrewarmAlarm_AddsTheInstancesMissingForTheFloor(string alarmName, string policyName)
    {
        var alarm = Properties(alarmName);
        var metrics = alarm.GetProperty("Metrics").EnumerateArray().ToList();
        var floor = metrics.Single(m => m.GetProperty("Id").GetString() == "floor").GetProperty("MetricStat");
        Assert.Equal(EmfDocument.Namespace, floor.GetProperty("Metric").GetProperty("Namespace").GetString());
        Assert.Equal(EmfDocument.PrewarmMetricName, floor.GetProperty("Metric").GetProperty("MetricName").GetString());
        Assert.Equal("floor - desired", metrics.Single(m => m.TryGetProperty("Expression", out _)).GetProperty("Expression").GetString());
        Assert.Equal(0, alarm.GetProperty("Threshold").GetInt32());
        Assert.Equal([policyName], Refs(alarm.GetProperty("AlarmActions")));

        // Every whole number of missing instances up to the maximum is added in one step (or in two past 20).
        var steps = Properties(policyName).GetProperty("StepAdjustments").EnumerateArray().ToList();
        for (var missing = 1; missing <= Policy.MaxInstances; missing++)
        {
            var step = steps.Single(s => s.GetProperty("MetricIntervalLowerBound").GetDouble() <= missing
                && (!s.TryGetProperty("MetricIntervalUpperBound", out var upper) || missing < upper.GetDouble()));
            Assert.Equal(Math.Min(missing, 20), step.GetProperty("ScalingAdjustment").GetInt32());
        }
    }

    [Fact]
    public void CloudWatchDashboard_ParsesAndShowsTheThresholdsAndTheQueueMetric()
    {
        using var dashboard = JsonDocument.Parse(Repo.Read("deploy", "aws", "cloudwatch-dashboard.json"));
        var text = dashboard.RootElement.GetRawText();
        var widgets = dashboard.RootElement.GetProperty("widgets").EnumerateArray().ToList();

        Assert.Contains(EmfDocument.Namespace, text, StringComparison.Ordinal);
        Assert.Contains($"\"{EmfDocument.MetricName}\"", text, StringComparison.Ordinal);
        var longest = widgets.Single(w => w.GetProperty("properties").TryGetProperty("annotations", out _));
        var lines = longest.GetProperty("properties").GetProperty("annotations").GetProperty("horizontal").EnumerateArray().Select(a => a.GetProperty("value").GetInt64()).Order();
        Assert.Equal([Policy.ScaleInBelow, .. Policy.ScaleOutSteps.Select(s => s.QueueAbove)], lines);
        using var agent = JsonDocument.Parse(Repo.Read("deploy", "aws", "cloudwatch-agent.json"));
        Assert.True(agent.RootElement.GetProperty("logs").GetProperty("metrics_collected").TryGetProperty("emf", out _));
    }

    private static void AssertQueueMetric(JsonElement alarm)
    {
        Assert.Equal(EmfDocument.Namespace, alarm.GetProperty("Namespace").GetString());
        Assert.Equal(EmfDocument.MetricName, alarm.GetProperty("MetricName").GetString());
        Assert.Equal("Maximum", alarm.GetProperty("Statistic").GetString());
        Assert.Equal(Policy.EvaluationPeriod.TotalSeconds, alarm.GetProperty("Period").GetDouble());
        Assert.False(alarm.TryGetProperty("Dimensions", out _), "the alarm watches the dimensionless metric: the longest queue of any event");
    }

    private static JsonElement Properties(string resource) => Resources.GetProperty(resource).GetProperty("Properties");

    private static List<string> Refs(JsonElement actions) =>
        [.. actions.EnumerateArray().Where(a => a.TryGetProperty("Ref", out _)).Select(a => a.GetProperty("Ref").GetString()!)];

    private static JsonElement Template()
    {
        using var document = JsonDocument.Parse(Repo.Read("deploy", "aws", "queue-scaling.json"));
        return document.RootElement.Clone();
    }
}
